// The printable checklist (book/_ext/course.py): ticks kept in this browser
// between visits (localStorage, one key per page), and a button that prints
// the checklist alone, on one page. Without JavaScript the boxes still tick
// and the whole chapter prints.
(function () {
  "use strict";

  function storageKey(list) {
    return "closing-kit:checklist:" + list.getAttribute("data-ck-checklist");
  }

  function load(list) {
    try {
      return JSON.parse(localStorage.getItem(storageKey(list)) || "[]");
    } catch (err) {
      return [];
    }
  }

  function save(list) {
    var done = [];
    list.querySelectorAll("input[data-ck-item]").forEach(function (box) {
      if (box.checked) done.push(box.getAttribute("data-ck-item"));
    });
    try {
      localStorage.setItem(storageKey(list), JSON.stringify(done));
    } catch (err) {
      // Private browsing with storage off: the ticks last until the page closes.
    }
  }

  // A copy of the checklist, with a title, as the only thing on the page.
  function printView(list) {
    var view = document.createElement("div");
    view.id = "ck-print-view";
    var title = document.createElement("h1");
    title.textContent = list.getAttribute("data-ck-title");
    view.appendChild(title);
    var copy = list.cloneNode(true);
    copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    copy.querySelectorAll("[for], [aria-labelledby]").forEach(function (el) {
      el.removeAttribute("for");
      el.removeAttribute("aria-labelledby");
    });
    view.appendChild(copy);
    return view;
  }

  function printList(list) {
    var view = printView(list);
    document.body.appendChild(view);
    document.documentElement.classList.add("ck-printing-checklist");
    window.addEventListener("afterprint", function done() {
      window.removeEventListener("afterprint", done);
      document.documentElement.classList.remove("ck-printing-checklist");
      view.remove();
    });
    window.print();
  }

  function init() {
    document.querySelectorAll("[data-ck-checklist]").forEach(function (list) {
      var done = load(list);
      list.querySelectorAll("input[data-ck-item]").forEach(function (box) {
        box.checked = done.indexOf(box.getAttribute("data-ck-item")) !== -1;
        box.addEventListener("change", function () { save(list); });
      });
      var actions = list.querySelector(".ck-checklist-actions");
      if (actions) actions.hidden = false;
      var button = list.querySelector(".ck-checklist-print");
      if (button) button.addEventListener("click", function () { printList(list); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
