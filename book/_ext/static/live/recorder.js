/* Practice out loud: record a live exercise's answer, hear it back, time it, rate it.
 *
 * live.js imports this module the first time a reader presses "Practice out
 * loud" (or a take's button), so a page carries none of it before. The audio
 * never leaves the browser: MediaRecorder records the microphone, the take is
 * kept in IndexedDB (CLOSING_KIT_TAKES, by the take's id), and only "Download
 * this take" makes a copy. What the workbook keeps is computed here from the
 * audio's energy (no words are heard) and sent to the engine
 * (closing_kit.practice.takes, through closing_kit.web): the take's length,
 * its spoken part, its pauses. Every word the reader sees about a take comes
 * from the engine; this module only records, stores, plays and measures.
 *
 * measure() and mimeFor() are pure, and tested with node (tests/test_recorder_js.py).
 */

/** The browser's store of takes: one database, one object store, keyed by take id. */
export const DB = { name: "closing-kit-takes", store: "takes", version: 1 };
/** Energy is measured in frames of this many seconds. */
export const FRAME = 0.02;
/** A silence at least this long, between the first sound and the last, is a pause. */
export const MIN_PAUSE = 0.5;
/** A sound shorter than this, alone in silence, is a click, not speech. */
export const MIN_SOUND = 0.06;
/** Opus at 32 kbit/s is clear for one voice, and a minute is about 240 KB, not 1 MB
 * (Chromium's default, 128 kbit/s: scripts/benchmark_recorder.py). */
export const BITS_PER_SECOND = 32000;
/** From the press to the recorder's start: past this, the reader is told and can press again. */
export const START_WAIT_MS = 15000;
/** Formats to record in, best first: Chromium and Firefox take the first, Safari mp4. */
export const FORMATS = ["audio/webm;codecs=opus", "audio/webm", "audio/mp4", "audio/ogg;codecs=opus"];

/** The first of FORMATS the browser records (`supports(type)`), or "" for its default. */
export function mimeFor(supports) {
  return FORMATS.find((type) => supports(type)) || "";
}

/** A file extension for a recorded type ("audio/webm;codecs=opus" -> "webm"). */
export function extensionFor(type) {
  const sub = (type || "").split(";")[0].split("/")[1] || "";
  return { webm: "webm", mp4: "m4a", ogg: "ogg", mpeg: "mp3", wav: "wav" }[sub] || "audio";
}

/** Length, spoken part and pauses of mono `samples` at `rate` Hz, from their energy.
 *
 * Each FRAME's loudness (RMS, in dB) is compared with a threshold set between the
 * recording's quiet floor (its 10th percentile, never below -70 dB) and its peak
 * (the 98th): a third of the way up, at least 6 dB above the floor. Speech runs
 * from the first loud frame to the last; gaps of MIN_PAUSE or more inside it are
 * pauses. Returns seconds (rounded to 0.1) and the count of pauses.
 */
export function measure(samples, rate) {
  const size = Math.max(1, Math.round(rate * FRAME));
  const db = [];
  for (let start = 0; start + size <= samples.length; start += size) {
    let sum = 0;
    for (let i = start; i < start + size; i += 1) sum += samples[i] * samples[i];
    db.push(10 * Math.log10(sum / size + 1e-12));
  }
  const seconds = Math.round((samples.length / rate) * 10) / 10;
  const none = { seconds, spoken: 0, pauses: 0, paused: 0 };
  if (!db.length) return none;
  const sorted = db.slice().sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const floor = Math.max(-70, at(0.1));
  const peak = at(0.98);
  if (peak - floor < 6) return none; // one level throughout: no speech against silence
  const threshold = floor + Math.max(6, (peak - floor) / 3);
  // Runs of loud frames, [first, last] frame indexes; clicks dropped.
  const runs = [];
  let begin = -1;
  db.forEach((level, i) => {
    if (level > threshold && begin < 0) begin = i;
    if ((level <= threshold || i === db.length - 1) && begin >= 0) {
      const end = level > threshold ? i : i - 1;
      runs.push([begin, end]);
      begin = -1;
    }
  });
  const sounds = runs.filter(([a, b]) => (b - a + 1) * FRAME >= MIN_SOUND);
  if (!sounds.length) return none;
  let pauses = 0;
  let paused = 0;
  for (let n = 1; n < sounds.length; n += 1) {
    const gap = (sounds[n][0] - sounds[n - 1][1] - 1) * FRAME;
    if (gap >= MIN_PAUSE) {
      pauses += 1;
      paused += gap;
    }
  }
  const first = sounds[0][0];
  const last = sounds[sounds.length - 1][1];
  const round = (x) => Math.round(x * 10) / 10;
  return { seconds, spoken: round((last - first + 1) * FRAME), pauses, paused: round(paused) };
}

/** What went wrong, in one line the reader can act on; the typed exercise still works. */
export function problemFor(error) {
  const name = (error && error.name) || "";
  const still = " The typed exercise works as before.";
  if (name === "NotAllowedError" || name === "SecurityError") {
    return (
      "The microphone was refused, so nothing was recorded: allow the microphone for this " +
      "site (the icon in the address bar), then press Record it again." + still
    );
  }
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "NotReadableError") {
    return (
      "No microphone was found (or another program holds it): plug one in or turn it on, " +
      "then press Record it again." + still
    );
  }
  if (name === "NoStart") {
    return (
      "The microphone did not start: press Record it to try again (or reload the page)." + still
    );
  }
  if (name === "NoRecorder") {
    return (
      "This browser cannot record here (it has no MediaRecorder, or the page is not " +
      "secure): try a recent Chrome, Edge, Firefox or Safari to practice out loud." + still
    );
  }
  return `The recording did not work (${name || error}): press Record it to try again.` + still;
}

// -- the browser's store -------------------------------------------------------------------
let opened = null;
function database() {
  opened =
    opened ||
    new Promise((resolve, reject) => {
      const request = indexedDB.open(DB.name, DB.version);
      request.onupgradeneeded = () => request.result.createObjectStore(DB.store, { keyPath: "id" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  opened.catch(() => {
    opened = null;
  });
  return opened;
}

async function stored(mode, act) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(DB.store, mode);
    const request = act(tx.objectStore(DB.store));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
  });
}

/** Takes are kept as bytes and a type (Safari once refused Blobs in IndexedDB). */
export const takes = {
  put: (take) => stored("readwrite", (s) => s.put(take)),
  get: (id) => stored("readonly", (s) => s.get(id)),
  remove: (id) => stored("readwrite", (s) => s.delete(id)),
  ids: () => stored("readonly", (s) => s.getAllKeys()),
};

// -- one exercise's recorder -----------------------------------------------------------------
function newId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The typed words a take goes with: the drafter's close, a drill's answer, a role-play line. */
function typed(values, exercise) {
  if (exercise === "closing") return values.draft || "";
  if (exercise === "roleplay") return values.words || "";
  return values.answer || "";
}

async function decode(bytes) {
  const Offline = window.OfflineAudioContext || window.webkitOfflineAudioContext;
  const context = new Offline(1, 1, 16000);
  const audio = await context.decodeAudioData(bytes.slice(0));
  return measure(audio.getChannelData(0), audio.sampleRate);
}

class Recorder {
  constructor(widget, engine) {
    this.widget = widget;
    this.engine = engine;
    this.exercise = widget.querySelector(".ck-live-recorder").dataset.records;
    this.panel = widget.querySelector(".ck-rec-panel");
    this.opener = widget.querySelector(".ck-rec-open");
    this.toggle = widget.querySelector(".ck-rec-toggle");
    this.state = widget.querySelector('[data-rec="state"]');
    this.clock = widget.querySelector('[data-rec="clock"]');
    this.audio = widget.querySelector('[data-rec="audio"]');
    this.media = null;
    this.url = null;
    this.toggle.disabled = false;
  }

  say(text) {
    this.state.textContent = text;
  }

  open() {
    const open = this.panel.hidden;
    this.panel.hidden = !open;
    this.opener.setAttribute("aria-expanded", String(open));
    if (open) {
      this.engine.apply(this.engine.call({ op: "take_list", exercise: this.exercise }));
      if (!window.MediaRecorder || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        this.say(problemFor({ name: "NoRecorder" }));
      }
      this.toggle.focus();
    }
  }

  async start() {
    performance.mark("ck-rec-press");
    if (!window.MediaRecorder || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      this.say(problemFor({ name: "NoRecorder" }));
      return;
    }
    this.toggle.disabled = true;
    this.say("Starting the microphone...");
    // A microphone that never starts (no answer from the device, a recorder that never
    // fires "start") must not leave the button greyed out with nothing said.
    let stream = null;
    let media = null;
    let started = false;
    let gaveUp = false;
    const giveUp = (err) => {
      gaveUp = true;
      clearTimeout(watchdog);
      if (media && media.state !== "inactive") media.stop(); // its onstop keeps nothing
      if (stream) for (const track of stream.getTracks()) track.stop();
      this.media = null;
      this.toggle.disabled = false;
      this.say(problemFor(err));
    };
    const watchdog = setTimeout(() => {
      if (!started) giveUp({ name: "NoStart" });
    }, START_WAIT_MS);
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (err) {
      giveUp(err);
      return;
    }
    if (gaveUp) {
      // The watchdog gave up first: this late stream is not wanted.
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    const type = mimeFor((t) => MediaRecorder.isTypeSupported(t));
    const options = { audioBitsPerSecond: BITS_PER_SECOND };
    if (type) options.mimeType = type;
    try {
      media = new MediaRecorder(stream, options);
    } catch (err) {
      giveUp(err);
      return;
    }
    const chunks = [];
    media.ondataavailable = (event) => {
      if (event.data.size) chunks.push(event.data);
    };
    media.onstart = () => {
      if (gaveUp) return;
      started = true;
      clearTimeout(watchdog);
      performance.mark("ck-rec-recording");
      this.began = Date.now();
      this.toggle.disabled = false;
      this.toggle.textContent = "Stop recording";
      this.toggle.setAttribute("aria-pressed", "true");
      this.say("Recording. Say your answer, then press Stop recording.");
      this.tick = setInterval(() => this.showClock(), 250);
    };
    media.onstop = () => {
      for (const track of stream.getTracks()) track.stop();
      if (gaveUp) return;
      this.finish(new Blob(chunks, { type: media.mimeType || type || "audio/webm" }));
    };
    this.media = media;
    try {
      media.start(1000);
    } catch (err) {
      giveUp(err);
    }
  }

  showClock() {
    const seconds = Math.floor((Date.now() - this.began) / 1000);
    this.clock.textContent = `Recording: ${seconds} s`;
  }

  stop() {
    clearInterval(this.tick);
    this.toggle.disabled = true;
    this.say("Stopped. Measuring your take...");
    this.media.stop();
    this.media = null;
  }

  async finish(blob) {
    const bytes = await blob.arrayBuffer();
    let figures;
    try {
      figures = await decode(bytes);
    } catch (err) {
      figures = { seconds: (Date.now() - this.began) / 1000, spoken: 0, pauses: 0, paused: 0 };
    }
    this.toggle.disabled = false;
    this.toggle.textContent = "Record it";
    this.toggle.setAttribute("aria-pressed", "false");
    this.clock.textContent = "";
    this.engine.flush();
    const id = newId();
    const take = { id, exercise: this.exercise, type: blob.type, bytes, made: new Date().toISOString() };
    let kept = true;
    try {
      await takes.put(take);
    } catch (err) {
      kept = false;
    }
    const text = typed(this.engine.values(), this.exercise);
    const answer = this.engine.call({
      op: "take_add", exercise: this.exercise, id, text, recorded: take.made, ...figures,
    });
    this.engine.apply(answer);
    if (!answer.saved) {
      takes.remove(id).catch(() => {}); // the engine refused it (its line says why)
      this.say("");
      return;
    }
    this.play(blob, false);
    this.say(
      kept
        ? "Take kept in this browser. Play it back below, then rate it."
        : "This browser would not keep the take (its storage is full or off): play it or download it now.",
    );
    if (!kept) this.unsaved = take;
  }

  play(blob, now) {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = URL.createObjectURL(blob);
    this.audio.src = this.url;
    this.audio.hidden = false;
    if (now) this.audio.play().catch(() => {});
  }

  async find(id) {
    if (this.unsaved && this.unsaved.id === id) return this.unsaved;
    try {
      return await takes.get(id);
    } catch (err) {
      return undefined;
    }
  }

  async onTake(control) {
    const id = control.dataset.take;
    const action = control.dataset.takeAction;
    if (action === "rate") {
      const said = Array.from(
        this.widget.querySelectorAll('[data-region="rate"] input[name="ck-take-said"]:checked'),
        (box) => box.value,
      );
      this.engine.apply(this.engine.call({ op: "take_rate", exercise: this.exercise, id, said }));
      this.say("Rating kept in your workbook.");
      return;
    }
    if (action === "delete") {
      try {
        await takes.remove(id);
      } catch (err) {
        /* not in this browser: the workbook's line still goes */
      }
      this.engine.apply(this.engine.call({ op: "take_delete", exercise: this.exercise, id }));
      this.audio.hidden = true;
      this.audio.removeAttribute("src");
      this.say("Take deleted, from this browser and from your workbook.");
      this.opener.focus();
      return;
    }
    const take = await this.find(id);
    if (!take) {
      this.say("That take's recording is not in this browser: it stays on the device it was made on.");
      return;
    }
    const blob = new Blob([take.bytes], { type: take.type });
    if (action === "play") {
      this.play(blob, true);
      this.say("Playing your take.");
      return;
    }
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${this.exercise}-take-${take.made.slice(0, 10)}.${extensionFor(take.type)}`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    this.say(`Saved as ${link.download} in your downloads.`);
  }
}

/** live.js's one call: a press on the opener, Record it / Stop recording, or a take's button. */
export function handle(widget, control, engine) {
  widget.ckRecorder = widget.ckRecorder || new Recorder(widget, engine);
  const recorder = widget.ckRecorder;
  if (control.matches(".ck-rec-open")) recorder.open();
  else if (control.matches(".ck-rec-toggle")) {
    if (recorder.media) recorder.stop();
    else recorder.start();
  } else recorder.onTake(control);
}
