// Build-time only (book/_ext/service_worker.py runs it with node, never in a page):
// Workbox's generateSW writes the site's service worker and its precache manifest.
//
//   node generate-sw.cjs <workbox-build folder> <config.json>
//
// config.json is generateSW's own options, except that the strings in
// ignoreURLParametersMatching and in runtimeCaching[].urlPattern are regular
// expressions (JSON has none). Prints generateSW's result as one JSON line.
"use strict";

const fs = require("fs");
const [, , workboxBuild, configFile] = process.argv;
const { generateSW } = require(workboxBuild);

const config = JSON.parse(fs.readFileSync(configFile, "utf8"));
config.ignoreURLParametersMatching = (config.ignoreURLParametersMatching || []).map(
  (source) => new RegExp(source)
);
config.runtimeCaching = (config.runtimeCaching || []).map((rule) => ({
  ...rule,
  urlPattern: new RegExp(rule.urlPattern),
}));

generateSW(config).then(
  ({ count, size, warnings }) => {
    process.stdout.write(JSON.stringify({ count, size, warnings }) + "\n");
  },
  (err) => {
    process.stderr.write(String(err && err.stack ? err.stack : err) + "\n");
    process.exit(1);
  }
);
