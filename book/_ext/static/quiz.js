// Self-check quizzes (see book/_ext/quiz.py): checks an answer in the page
// itself and says why it is right or wrong. No kernel, no network.
(function () {
  "use strict";

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
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        check(form);
      });
    });
    document.documentElement.classList.add("ck-quiz-ready");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
