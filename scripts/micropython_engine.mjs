// Run Python under MicroPython's WebAssembly port in Node, with the engine's
// files copied into its memory file system.
//
//   node scripts/micropython_engine.mjs MICROPYTHON_MJS SRC_DIR < program.py
//   node scripts/micropython_engine.mjs MICROPYTHON_MJS SOURCES.json < program.py
//
// With SRC_DIR, the engine is the feedback engine's files (src/closing_kit's
// __init__.py, _lazy.py, banks.py, analysis/ and the data files they read).
// With SOURCES.json, it is the website's bundle (book/_ext/live_practice.py,
// engine_sources: {"files": {path: text}, "shims": {path: text}}), or
// MicroPython's own (book/_ext/micropython_assets.py, engine_bundle: the same
// with the modules as bytecode under "mpy"), exactly what a page writes into
// its MicroPython. The program's standard output is
// printed as it is. tests/test_engine_micropython.py and
// tests/test_web_micropython.py run the same program here and in CPython and
// require the same JSON.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const [mjs, src] = process.argv.slice(2);
const { loadMicroPython } = await import(pathToFileURL(mjs).href);
const chunks = [];
const text = () => Buffer.concat(chunks).toString("utf8");
const mp = await loadMicroPython({
  heapsize: 64 * 1024 * 1024,
  linebuffer: false,
  stdout: (data) => chunks.push(Buffer.from(data)),
  stderr: (data) => process.stderr.write(data),
});

const mkdirs = (path) => {
  let at = "";
  for (const part of path.split("/").filter(Boolean)) {
    at += "/" + part;
    try {
      mp.FS.mkdir(at);
    } catch (err) {
      /* already there */
    }
  }
};

mkdirs("/engine/closing_kit");
if (src.endsWith(".json")) {
  const bundle = JSON.parse(readFileSync(src, "utf8"));
  // MicroPython's own bundle (micropython_assets.engine_bundle) also holds the modules
  // compiled to bytecode, as base64 (.mpy): written as bytes, as live.js writes them.
  const mpy = Object.entries(bundle.mpy || {}).map(([path, b64]) => [path, Buffer.from(b64, "base64")]);
  for (const [path, body] of [...Object.entries({ ...bundle.files, ...bundle.shims }), ...mpy]) {
    mkdirs(dirname(`/engine/${path}`));
    mp.FS.writeFile(`/engine/${path}`, body);
  }
} else {
  // The engine: the package's top level, analysis/ and the data it reads.
  const ENGINE = ["__init__.py", "_lazy.py", "banks.py", "analysis", "data"];
  const copy = (from, to) => {
    if (statSync(from).isDirectory()) {
      mp.FS.mkdir(to);
      for (const name of readdirSync(from)) {
        if (name === "__pycache__") continue;
        if (statSync(join(from, name)).isDirectory() && to.endsWith("/data")) continue;
        copy(join(from, name), `${to}/${name}`);
      }
    } else if (/\.(py|json)$/.test(from)) {
      mp.FS.writeFile(to, readFileSync(from));
    }
  };
  for (const name of ENGINE) copy(join(src, "closing_kit", name), `/engine/closing_kit/${name}`);
}

const program = readFileSync(0, "utf8");
try {
  mp.runPython("import sys\nsys.path.insert(0, '/engine')\n" + program);
} catch (err) {
  process.stdout.write(text());
  process.stderr.write(String(err.message || err) + "\n");
  process.exit(1);
}
process.stdout.write(text());
