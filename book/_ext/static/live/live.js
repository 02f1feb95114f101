/* Live practice: wires a page's {live-practice} exercises to closing_kit.web in Pyodide.
 *
 * Nothing loads until the reader presses "Start practising". Then the site's
 * Pyodide and our engine (a zip) are fetched, and every button or keystroke
 * sends one JSON request to closing_kit.web; the answer says what to show
 * (regions' HTML, boxes' values) and, when the work changed, the workbook to
 * keep in localStorage. No rule, score or wording lives here.
 *
 * The pure helpers at the top are tested with node (tests/test_live_js.py).
 */
"use strict";

const ckLive = {
  /** The key the workbook is kept under in localStorage. */
  KEY: "closing-kit-workbook",
  /** The largest file "Load a workbook" reads (closing_kit.web.MAX_BYTES). */
  MAX_BYTES: 5 * 1024 * 1024,

  /** Pyodide's folder and the engine's URL, from the script's own URL and attributes. */
  urls(scriptSrc, pyodideAttr, engineAttr) {
    const root = new URL("../../", scriptSrc);
    let pyodide = new URL(pyodideAttr, root).href;
    if (!pyodide.endsWith("/")) pyodide += "/";
    return { pyodide, engine: new URL(engineAttr, root).href };
  },

  /** One request to closing_kit.web: the op, the kind, named boxes' values, extras. */
  request(op, kind, values, argNames, extra) {
    const req = { op };
    if (kind) req.kind = kind;
    for (const name of argNames) req[name] = values[name] ?? "";
    return Object.assign(req, extra || {});
  },

  /** A one-line reason not to read a chosen file, or "" to go ahead. */
  fileProblem(size) {
    if (size > ckLive.MAX_BYTES) {
      const mb = ckLive.MAX_BYTES / (1024 * 1024);
      return `Could not load that file: it is larger than ${mb} MB, far more than a workbook.`;
    }
    return "";
  },

  /** Timed mode's extras for a check: seconds since the card was shown, and the limit. */
  timing(values, shownAt, now) {
    if (!values.timed || shownAt == null) return {};
    return { seconds: Math.max(0, Math.round((now - shownAt) / 1000)), limit: values.limit };
  },

  /** The storage key under which kept work that could not be read is set aside. */
  asideKey(now) {
    return `${ckLive.KEY}.unreadable-${now}`;
  },

  /** fn, called once `wait` ms after the last call; .flush() runs a pending call now. */
  debounce(fn, wait) {
    let timer = null;
    let pending = null;
    const wrapped = (...args) => {
      pending = args;
      clearTimeout(timer);
      timer = setTimeout(wrapped.flush, wait);
    };
    wrapped.flush = () => {
      clearTimeout(timer);
      if (pending) {
        const args = pending;
        pending = null;
        return fn(...args);
      }
      return undefined;
    };
    return wrapped;
  },
};

if (typeof module !== "undefined") module.exports = ckLive;

if (typeof document !== "undefined") {
  window.ckLive = ckLive;
  const script = document.currentScript;
  const where = ckLive.urls(script.src, script.dataset.pyodide, script.dataset.engine);
  const widgets = Array.from(document.querySelectorAll("[data-ck-live]"));
  let ready = null;

  const keep = (text) => {
    try {
      localStorage.setItem(ckLive.KEY, text);
      return "";
    } catch (err) {
      return "This browser would not keep your work (storage is full or turned off): download your workbook to keep it.";
    }
  };

  /** Load Pyodide and the engine once per page; resolves to call(request) -> answer. */
  const boot = () => {
    if (ready) return ready;
    ready = (async () => {
      const engine = fetch(where.engine).then((r) => {
        if (!r.ok) throw new Error(`the exercise code could not be fetched (${r.status})`);
        return r.arrayBuffer();
      });
      const { loadPyodide } = await import(where.pyodide + "pyodide.mjs");
      const py = await loadPyodide({ indexURL: where.pyodide });
      py.unpackArchive(await engine, "zip", { extractDir: "/home/pyodide/closing-kit" });
      py.runPython("import sys; sys.path.insert(0, '/home/pyodide/closing-kit')");
      const web = py.pyimport("closing_kit.web");
      const call = (req) => JSON.parse(web.call(JSON.stringify(req)));
      let stored = null;
      try {
        stored = localStorage.getItem(ckLive.KEY);
      } catch (err) {
        stored = null;
      }
      const opened = call({ op: "start", stored });
      if (opened.unreadable) {
        try {
          localStorage.setItem(ckLive.asideKey(Date.now()), stored);
        } catch (err) {
          /* the message below still says what happened */
        }
      }
      const problem = keep(opened.saved);
      ckLive.call = call; // for a coach's console, and the tests
      return { call, message: [opened.message, problem].filter(Boolean).join(" ") };
    })();
    ready.catch(() => {
      ready = null; // a later press tries again
    });
    return ready;
  };

  const apply = (widget, answer) => {
    for (const [name, value] of Object.entries(answer.values || {})) {
      const box = widget.querySelector(`[data-value="${name}"]`);
      if (box) box.value = value;
    }
    for (const [name, html] of Object.entries(answer.regions || {})) {
      const region = widget.querySelector(`[data-region="${name}"]`);
      if (region) region.innerHTML = html;
    }
    // A card just shown starts timed mode's clock.
    if (answer.regions && "card" in answer.regions) widget.ckShownAt = Date.now();
    // The role-play is over: its box and "Say it" go, so no empty box is left on screen.
    if ("done" in answer) {
      for (const el of widget.querySelectorAll('[data-part="say"]')) el.hidden = answer.done;
    }
    if (answer.saved) {
      const problem = keep(answer.saved);
      if (problem) widget.querySelector('[data-region="file"]').textContent = problem;
    }
  };

  const values = (widget) => {
    const out = {};
    for (const box of widget.querySelectorAll("[data-value]")) {
      out[box.dataset.value] = box.type === "checkbox" ? box.checked : box.value;
    }
    return out;
  };

  const showOp = (widget) => {
    const live = widget.dataset.ckLive;
    if (live === "drafter") return { op: "closing_show" };
    if (live === "roleplay") return { op: "roleplay_show" };
    return { op: "drill_show", kind: widget.dataset.kind };
  };

  const wire = (widget, call) => {
    const kind = widget.dataset.kind;
    const send = (req) => apply(widget, call(req));
    if (widget.dataset.ckLive === "drafter") {
      const edit = ckLive.debounce(() => {
        const v = values(widget);
        send({ op: "closing_edit", draft: v.draft, job_ad: v.job_ad });
      }, 250);
      widget.addEventListener("input", (event) => {
        if (event.target.matches("textarea")) edit();
      });
      widget.ckFlush = edit.flush;
    }
    widget.addEventListener("change", (event) => {
      if (event.target.name === "ck-live-move") {
        const box = widget.querySelector('[data-value="words"]');
        box.value = event.target.value;
      }
    });
    widget.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-op]");
      if (!button) return;
      if (widget.ckFlush) widget.ckFlush();
      if (button.classList.contains("ck-live-toggle")) {
        const region = widget.querySelector('[data-region="models"]');
        const open = region.hidden;
        if (open) send({ op: button.dataset.op });
        region.hidden = !open;
        button.setAttribute("aria-expanded", String(open));
        button.textContent = open ? "Hide model answers" : "Show model answers";
        return;
      }
      const names = button.dataset.args ? button.dataset.args.split(" ") : [];
      const extra = button.dataset.extra ? JSON.parse(button.dataset.extra) : {};
      const now = values(widget);
      if (button.dataset.op === "drill_check") {
        Object.assign(extra, ckLive.timing(now, widget.ckShownAt, Date.now()));
      }
      send(ckLive.request(button.dataset.op, kind, now, names, extra));
    });
    widget.querySelector(".ck-live-download").addEventListener("click", () => {
      if (widget.ckFlush) widget.ckFlush();
      const file = call({ op: "export" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([file.text], { type: "application/json" }));
      link.download = file.file_name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      widget.querySelector('[data-region="file"]').textContent =
        `Saved as ${file.file_name} in your downloads.`;
    });
    widget.querySelector(".ck-live-file-input").addEventListener("change", async (event) => {
      const chosen = event.target.files[0];
      event.target.value = "";
      if (!chosen) return;
      const note = widget.querySelector('[data-region="file"]');
      const problem = ckLive.fileProblem(chosen.size);
      if (problem) {
        note.textContent = problem;
        return;
      }
      if (widget.ckFlush) widget.ckFlush();
      const answer = call({ op: "load", text: await chosen.text() });
      note.textContent = answer.message;
      if (!answer.ok) return;
      keep(answer.saved);
      for (const other of widgets) {
        if (other.ckStarted) apply(other, call(showOp(other)));
      }
    });
  };

  const start = async (widget) => {
    const loading = widget.querySelector('[data-region="loading"]');
    const button = widget.querySelector(".ck-live-start");
    button.disabled = true;
    loading.textContent = "Loading Python in your browser...";
    let session;
    try {
      session = await boot();
    } catch (err) {
      button.disabled = false;
      loading.textContent = `The live exercise could not start (${err.message}). Press Start practising to try again, or use the notebook in Jupyter.`;
      return;
    }
    for (const other of widgets) {
      if (other.ckStarted) continue;
      other.ckStarted = true;
      wire(other, session.call);
      apply(other, session.call(showOp(other)));
      other.querySelector(".ck-live-start").hidden = true;
      other.querySelector('[data-region="loading"]').textContent = session.message;
      other.querySelector(".ck-live-body").hidden = false;
    }
    // The box the reader writes in (the drafter's job ad is optional and comes first).
    widget.querySelector('[data-value="draft"], [data-value="answer"], [data-value="words"]').focus();
  };

  for (const widget of widgets) {
    widget.querySelector(".ck-live-start").addEventListener("click", () => start(widget));
  }

  // Another tab of this site kept work: carry on from it, so this tab's next
  // save does not write its older copy over it. The boxes keep what is typed.
  window.addEventListener("storage", (event) => {
    if (event.key !== ckLive.KEY || !event.newValue || !ckLive.call) return;
    const answer = ckLive.call({ op: "sync", stored: event.newValue });
    if (!answer.ok) return;
    for (const widget of widgets) {
      if (widget.ckStarted) apply(widget, { regions: answer.regions });
    }
  });
}
