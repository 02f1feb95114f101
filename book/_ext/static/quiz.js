// Self-check quizzes (see book/_ext/quiz.py): checks an answer in the page
// itself and says why it is right or wrong. No kernel, no network.
//
// The options of each question are shuffled on every page load, so the place
// of the right answer teaches nothing; which option is right stays in its
// data-correct attribute. shuffle(items, seed) is exported for the tests
// (tests/test_quiz.py runs it under node with a fixed seed).
(function (root) {
  "use strict";

  // mulberry32: a small, seedable random number generator (0 <= x < 1).
  function seededRandom(seed) {
    var state = seed >>> 0;
    return function () {
      state = (state + 0x6d2b79f5) >>> 0;
      var t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // Fisher-Yates on a copy. With a seed the order is repeatable; without one
  // it uses Math.random, so each page load differs.
  function shuffle(items, seed) {
    var random = seed === undefined ? Math.random : seededRandom(seed);
    var out = Array.prototype.slice.call(items);
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var tmp = out[i];
      out[i] = out[j];
      out[j] = tmp;
    }
    return out;
  }

  function shuffleOptions(form) {
    var fieldset = form.querySelector("fieldset");
    var options = fieldset.querySelectorAll(".ck-quiz-option");
    shuffle(options).forEach(function (option) {
      fieldset.appendChild(option); // moves it to the end, in the new order
    });
  }

  function updateScore(quiz) {
    var questions = quiz.querySelectorAll("[data-ck-question]");
    var answered = quiz.querySelectorAll("[data-ck-question][data-result]");
    var right = quiz.querySelectorAll('[data-ck-question][data-result="right"]');
    var score = quiz.querySelector(".ck-quiz-score");
    if (!score || answered.length === 0) return;
    score.textContent =
      "You have " + right.length + " of " + questions.length + " right" +
      (answered.length < questions.length ? " so far." : ".");
  }

  function check(form) {
    var feedback = form.querySelector(".ck-quiz-feedback");
    var chosen = form.querySelector("input[type=radio]:checked");
    if (!chosen) {
      feedback.textContent = "Choose one of the answers first.";
      feedback.className = "ck-quiz-feedback ck-quiz-hint";
      return;
    }
    var right = chosen.getAttribute("data-correct") === "true";
    feedback.textContent = (right ? "Right. " : "Not quite. ") + chosen.getAttribute("data-why");
    feedback.className = "ck-quiz-feedback " + (right ? "ck-quiz-right" : "ck-quiz-wrong");
    form.setAttribute("data-result", right ? "right" : "wrong");
    updateScore(form.closest("[data-ck-quiz]"));
  }

  function init() {
    document.querySelectorAll("[data-ck-question]").forEach(function (form) {
      shuffleOptions(form);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        check(form);
      });
    });
    document.documentElement.classList.add("ck-quiz-ready");
  }

  var api = { shuffle: shuffle, seededRandom: seededRandom };
  if (typeof module === "object" && module.exports) {
    module.exports = api; // node, for the tests
  } else {
    root.ckQuiz = api;
  }

  if (typeof document === "undefined") return;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})(typeof window !== "undefined" ? window : this);
