/* Live practice: wires a page's {live-practice} exercises to closing_kit.web in MicroPython.
 *
 * Nothing loads until the reader turns to an exercise (a touch or focus in it,
 * or "Start practicing"). Then the site's MicroPython (its WebAssembly port,
 * about 220 KB gzipped) and our engine (one JSON file: the modules compiled
 * to MicroPython's bytecode at build time, and their data) are fetched, the
 * files are written into its file system, the engine is imported and its
 * feedback warmed up once; Start then opens the kept workbook. A page whose
 * files are already in the site's offline copy (its service worker's
 * cache: no download) does all but the last step when the browser is idle,
 * so Start is instant. Every button or keystroke then sends one JSON request to
 * closing_kit.web; the answer says what to show (regions' HTML, boxes'
 * values) and, when the work changed, the workbook to keep in localStorage.
 * No rule, score or wording lives here. With ?ck-engine=pyodide in the
 * address (or on a site built without MicroPython) the same sources run in
 * the site's Pyodide instead: the requests and answers are the same.
 *
 * The pure helpers at the top are tested with node (tests/test_live_js.py).
 */
"use strict";

const ckLive = {
  /** The key the workbook is kept under in localStorage. */
  KEY: "closing-kit-workbook",
  /** The largest file "Load a workbook" reads (closing_kit.web.MAX_BYTES). */
  MAX_BYTES: 5 * 1024 * 1024,

  /** MicroPython's heap: what tests/test_web_micropython.py runs a whole session in. */
  HEAP_BYTES: 64 * 1024 * 1024,
  /** Where the engine's sources are written, in either Python's file system. */
  ENGINE_ROOT: "/home/closing-kit",

  /** The Pythons' folders and the engine's URL, from the script's own URL and attributes.
   * MicroPython's is "" when the site has none (built without npm). */
  urls(scriptSrc, pyodideAttr, engineAttr, micropythonAttr, mpyEngineAttr) {
    const root = new URL("../../", scriptSrc);
    const folder = (attr) => {
      const url = new URL(attr, root).href;
      return url.endsWith("/") ? url : url + "/";
    };
    return {
      pyodide: folder(pyodideAttr),
      micropython: micropythonAttr ? folder(micropythonAttr) : "",
      engine: new URL(engineAttr, root).href,
      mpyEngine: mpyEngineAttr ? new URL(mpyEngineAttr, root).href : "",
    };
  },

  /** The engine's file for that Python: MicroPython's own (bytecode) when the site has one. */
  engineUrl(where, engine) {
    return engine === "micropython" && where.mpyEngine ? where.mpyEngine : where.engine;
  },

  /** The files the idle start looks for in the offline copy: a Python's and its engine. */
  offlineFiles(where, engine) {
    const python = engine === "micropython"
      ? [where.micropython + "micropython.mjs", where.micropython + "micropython.wasm"]
      : [where.pyodide + "pyodide.mjs", where.pyodide + "pyodide.asm.wasm"];
    return python.concat([ckLive.engineUrl(where, engine)]);
  },

  /** Stateless requests that run the feedback a page's exercises give first, once, while
   * the reader is still reading or tapping: the first score then costs what any later one does. */
  warmUps(kinds) {
    const text = "Thank you for your time today. What are the next steps?";
    const by = {
      drafter: { op: "feedback", kind: "closing", text },
      reservation: { op: "feedback", kind: "reservation", prompt: "You lack experience.", text },
      noncommittal: { op: "feedback", kind: "vague", prompt: "We will be in touch.", text },
    };
    return Array.from(new Set(kinds)).filter((k) => k in by).map((k) => by[k]);
  },

  /** Base64 (the engine's bytecode) as bytes. */
  fromBase64(text) {
    const raw = atob(text);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
    return bytes;
  },

  /** Which Python runs the exercises: Pyodide when the address asks for it
   * (?ck-engine=pyodide) or the site has no MicroPython, else MicroPython. */
  engineFor(search, micropythonUrl) {
    const asked = new URLSearchParams(search).get("ck-engine");
    return asked === "pyodide" || !micropythonUrl ? "pyodide" : "micropython";
  },

  /** The files to write, path -> text (or bytes): the engine's, and for MicroPython its
   * compiled modules (.mpy) and its shims too. */
  engineFiles(bundle, engine) {
    const files = Object.assign({}, bundle.files);
    if (engine !== "micropython") return files;
    for (const [path, code] of Object.entries(bundle.mpy || {})) {
      files[path] = ckLive.fromBase64(code);
    }
    return Object.assign(files, bundle.shims);
  },

  /** The folders a file at `path` needs, outermost first ("/a/b/c.py" -> ["/a", "/a/b"]). */
  folders(path) {
    const parts = path.split("/").filter(Boolean).slice(0, -1);
    return parts.map((_, i) => "/" + parts.slice(0, i + 1).join("/"));
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
  const where = ckLive.urls(
    script.src,
    script.dataset.pyodide,
    script.dataset.engine,
    script.dataset.micropython,
    script.dataset.micropythonEngine,
  );
  const engine = ckLive.engineFor(location.search, where.micropython);
  const widgets = Array.from(document.querySelectorAll("[data-ck-live]"));
  let ready = null;

  // The workbook this tab last wrote or carried on from (see catchUp).
  let lastKept = null;
  const keep = (text) => {
    try {
      localStorage.setItem(ckLive.KEY, text);
      lastKept = text;
      return "";
    } catch (err) {
      return "This browser would not keep your work (storage is full or turned off): download your workbook to keep it.";
    }
  };

  /** Write `files` (path -> text) under the engine root of an Emscripten file system. */
  const writeFiles = (fs, files) => {
    for (const [path, text] of Object.entries(files)) {
      const full = `${ckLive.ENGINE_ROOT}/${path}`;
      for (const folder of ckLive.folders(full)) {
        try {
          fs.mkdir(folder);
        } catch (err) {
          /* already there */
        }
      }
      fs.writeFile(full, text);
    }
  };

  /** Each Python, loaded: both give FS (Emscripten's), runPython and pyimport. */
  const PYTHONS = {
    async micropython() {
      const { loadMicroPython } = await import(where.micropython + "micropython.mjs");
      return loadMicroPython({
        heapsize: ckLive.HEAP_BYTES,
        stdout: () => {},
        stderr: (line) => console.warn(line),
      });
    },
    async pyodide() {
      const { loadPyodide } = await import(where.pyodide + "pyodide.mjs");
      return loadPyodide({ indexURL: where.pyodide });
    },
  };

  /** Load the Python and the engine and import it, once per page; resolves to
   * call(request) -> answer. `progress(text)` is told each step, if given.
   * Fetches nothing the page does not need: it runs on the reader's first move in an
   * exercise, or when idle if the offline copy already holds the files. */
  let prepared = null;
  let progress = () => {};
  const prepare = () => {
    if (prepared) return prepared;
    prepared = (async () => {
      // Marks for scripts/benchmark_startup.py (performance.getEntriesByType("mark")).
      performance.mark("ck-live-boot");
      // The sources and the Python are fetched side by side.
      const bundle = fetch(ckLive.engineUrl(where, engine)).then((r) => {
        if (!r.ok) throw new Error(`the exercise code could not be fetched (${r.status})`);
        return r.json();
      });
      const python = PYTHONS[engine]().catch((err) => {
        throw new Error(`Python did not start in this browser: ${err.message || err}`);
      });
      const [py, sources] = await Promise.all([python, bundle]);
      performance.mark("ck-live-python");
      progress("Starting the exercise...");
      writeFiles(py.FS, ckLive.engineFiles(sources, engine));
      py.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(ckLive.ENGINE_ROOT)})`);
      const web = py.pyimport("closing_kit.web");
      performance.mark("ck-live-imported");
      return (req) => JSON.parse(web.call(JSON.stringify(req)));
    })();
    prepared.catch(() => {
      prepared = null; // a later move tries again
    });
    return prepared;
  };

  /** The first feedback of each kind on the page, run once (it reads the engine's data);
   * later in its own task, so the exercise is on screen first. */
  let warmed = null;
  const warmUp = (call) => {
    if (warmed) return warmed;
    warmed = new Promise((resolve) => {
      setTimeout(() => {
        performance.mark("ck-live-warming");
        try {
          for (const req of ckLive.warmUps(widgets.map((w) => w.dataset.ckLive))) call(req);
        } catch (err) {
          console.warn(`closing-kit: the feedback did not warm up (${err.message || err})`);
        }
        performance.mark("ck-live-warm");
        resolve();
      }, 0);
    });
    return warmed;
  };

  /** The kept workbook, opened in the engine: the answer to "start". Opened while idle, it
   * is used at Start only if what is kept is still the same (another tab may have saved). */
  let opening = null;
  const open = (call) => {
    let stored = null;
    try {
      stored = localStorage.getItem(ckLive.KEY);
    } catch (err) {
      stored = null;
    }
    if (!opening || opening.stored !== stored) {
      opening = { stored, opened: call({ op: "start", stored }) };
    }
    return opening;
  };

  /** Prepare, then open the kept workbook; resolves to {call, message}. Once per page. */
  const boot = (tell) => {
    if (ready) return ready;
    progress = tell;
    ready = (async () => {
      progress("Loading Python in your browser...");
      const call = await prepare();
      const { stored, opened } = open(call);
      if (opened.unreadable) {
        try {
          localStorage.setItem(ckLive.asideKey(Date.now()), stored);
        } catch (err) {
          /* the message below still says what happened */
        }
      }
      const problem = keep(opened.saved);
      performance.mark("ck-live-opened");
      warmUp(call);
      ckLive.call = call; // for a coach's console, and the tests
      ckLive.engine = engine;
      return { call, message: [opened.message, problem].filter(Boolean).join(" ") };
    })();
    ready.catch(() => {
      ready = null; // a later press tries again
    });
    return ready;
  };

  let recorderModule = null;
  /** The recorder (recorder.js, an ES module beside this script), fetched on first use. */
  const loadRecorder = () => {
    recorderModule = recorderModule || import(new URL("recorder.js", script.src).href);
    recorderModule.catch(() => {
      recorderModule = null; // a later press tries again
    });
    return recorderModule;
  };


  /** Whether every file `prepare` fetches is in the site's offline copy (no download). */
  const offline = async () => {
    if (typeof caches === "undefined") return false;
    const urls = ckLive.offlineFiles(where, engine);
    const found = await Promise.all(urls.map((u) => caches.match(u, { ignoreSearch: true })));
    return found.every(Boolean);
  };

  // The reader's first move in an exercise starts the download, before Start's click lands.
  for (const widget of widgets) {
    for (const type of ["pointerdown", "focusin"]) {
      widget.addEventListener(type, () => prepare().catch(() => {}), { once: true, passive: true });
    }
  }
  // A page whose files are in the offline copy gets ready while the reader reads.
  if (engine === "micropython" && widgets.length) {
    const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 1000));
    const whenIdle = () => idle(() => {
      offline()
        .then(async (yes) => {
          if (!yes) return;
          const call = await prepare();
          open(call);
          await warmUp(call);
        })
        .catch(() => {});
    }, { timeout: 5000 });
    if (document.readyState === "complete") whenIdle();
    else window.addEventListener("load", whenIdle, { once: true });
  }

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
    const send = (req) => {
      catchUp();
      apply(widget, call(req));
    };
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
      catchUp();
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
    // Practice out loud (issue 20): recorder.js loads when first used, never before.
    widget.addEventListener("click", async (event) => {
      const control = event.target.closest(".ck-rec-open, .ck-rec-toggle, [data-take-action]");
      if (!control) return;
      let recorder;
      try {
        recorder = await loadRecorder();
      } catch (err) {
        const panel = widget.querySelector(".ck-rec-panel");
        panel.hidden = false;
        panel.querySelector('[data-rec="state"]').textContent =
          "The recorder could not load: reload the page to try again. The typed exercise still works.";
        return;
      }
      recorder.handle(widget, control, {
        call,
        apply: (answer) => apply(widget, answer),
        values: () => values(widget),
        flush: () => widget.ckFlush && widget.ckFlush(),
      });
    });
  };

  const start = async (widget) => {
    const loading = widget.querySelector('[data-region="loading"]');
    const button = widget.querySelector(".ck-live-start");
    button.disabled = true;
    let session;
    try {
      session = await boot((text) => {
        loading.textContent = text;
      });
    } catch (err) {
      button.disabled = false;
      loading.textContent = `The live exercise could not start (${err.message}). Press Start practicing to try again, or use the notebook in Jupyter.`;
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
  // The "storage" event says so, but it may arrive after this tab's next
  // request, so every request first compares the stored copy with the one
  // this tab last kept (one getItem, no parse when they are the same).
  const catchUp = (stored) => {
    if (stored === undefined) {
      try {
        stored = localStorage.getItem(ckLive.KEY);
      } catch (err) {
        return;
      }
    }
    if (!stored || stored === lastKept || !ckLive.call) return;
    const answer = ckLive.call({ op: "sync", stored });
    if (!answer.ok) return;
    lastKept = stored;
    for (const widget of widgets) {
      if (widget.ckStarted) apply(widget, { regions: answer.regions });
    }
  };
  window.addEventListener("storage", (event) => {
    if (event.key === ckLive.KEY) catchUp(event.newValue);
  });
}
