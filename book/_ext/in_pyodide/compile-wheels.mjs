// Build-time only (book/_ext/bytecode.py runs it with node, never in a page):
// the site's own Pyodide compiles wheels to bytecode with sourceless.py.
//
//   node compile-wheels.mjs <Pyodide folder> <out folder> <wheel>...
//
// Prints the number of wheels written.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [, , pyodideDir, outDir, ...wheels] = process.argv;
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL: pyodideDir + path.sep });
py.FS.mkdirTree("/in");
py.FS.mkdirTree("/out");
for (const wheel of wheels) py.FS.writeFile(`/in/${path.basename(wheel)}`, fs.readFileSync(wheel));
py.runPython(fs.readFileSync(new URL("./sourceless.py", import.meta.url), "utf8"));
for (const wheel of wheels) {
  const name = path.basename(wheel);
  fs.writeFileSync(path.join(outDir, name), py.FS.readFile(`/out/${name}`));
}
process.stdout.write(`${wheels.length}\n`);
