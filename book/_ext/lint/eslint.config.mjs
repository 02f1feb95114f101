// eslint's flat config for the site's JavaScript, run by tests/test_lint.py in the quick loop.
//
// eslint, @eslint/js and globals are pinned exactly in package.json beside this
// file and installed by `npm ci` into the one cache (npm_fetch.npm_ci), not
// into the repository; the test puts that node_modules on NODE_PATH, which
// createRequire's lookup reads (an `import` from here would look only beside
// this file).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const js = require("@eslint/js");
const globals = require("globals");

export default [
  // eslint's recommended rules: real mistakes (undefined names, unused
  // variables, unreachable code), no matters of taste. The code's layout is
  // left as it is written.
  js.configs.recommended,
  {
    rules: {
      // Unused caught errors are how these scripts say "ignore it" (catch (err) { ... }).
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      // == only against null (null or undefined, on purpose); === everywhere else.
      eqeqeq: ["error", "smart"],
    },
  },
  {
    // Page scripts: modern syntax, plain scripts (no modules), the browser's names.
    files: ["book/_ext/static/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      // `module` only where a script also exports its pure helpers to node's tests.
      globals: { ...globals.browser, module: "readonly" },
    },
  },
  {
    // The recorder is an ES module, imported by live.js on first use only.
    files: ["book/_ext/static/live/recorder.js"],
    languageOptions: { sourceType: "module" },
  },
  {
    // The service worker's registration runs on every page of the site and must
    // never throw, even in a browser without a service worker: kept to ES5
    // (var, function), which every browser parses before it checks for one.
    files: ["book/_ext/static/ck-sw-register.js"],
    languageOptions: { ecmaVersion: 5, sourceType: "script" },
  },
  {
    // Loaded by Workbox's service worker with importScripts: a worker's names.
    files: ["book/_ext/sw/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.serviceworker },
    },
  },
];
