#!/usr/bin/env node
/* Minify the runtime's readable modules (templates/theme/static/*.js) into static/min/, with the
 * terser pinned in package.json: `make runtime-min`, at release time, whenever a module changes.
 * The output is committed, so a build stays Python-only and deterministic (no Node);
 * tests/js/runtime-min.test.js regenerates it and fails if it drifted from the sources.
 * Only local names are mangled: each module is an IIFE, and what it adds to window.CourseBuild
 * (docs/runtime-contract.md) is a property, which terser never renames.
 * `--check`: write nothing, exit 1 and name the files that differ. */
"use strict";

const fs = require("fs");
const path = require("path");
const { minify } = require("terser");

const STATIC = path.join(__dirname, "..", "templates", "theme", "static");
const OUT = path.join(STATIC, "min");
const OPTIONS = {
  ecma: 5, // the runtime is ES5: every LMS frame's browser runs it
  compress: { passes: 2 },
  mangle: true, // local names only (no toplevel, no properties)
  format: { comments: false }
};

async function minified() {
  const names = fs.readdirSync(STATIC).filter((n) => n.endsWith(".js")).sort();
  const out = {};
  for (const name of names) {
    const result = await minify(fs.readFileSync(path.join(STATIC, name), "utf8"), OPTIONS);
    out[name] = result.code + "\n";
  }
  return out;
}

async function main() {
  const files = await minified();
  const check = process.argv.includes("--check");
  const present = fs.existsSync(OUT) ? fs.readdirSync(OUT).sort() : [];
  const stale = present.filter((n) => !(n in files));
  const differ = Object.keys(files).filter((n) => {
    const file = path.join(OUT, n);
    return !fs.existsSync(file) || fs.readFileSync(file, "utf8") !== files[n];
  });
  if (check) {
    if (stale.length || differ.length) {
      console.error("static/min/ is out of date (make runtime-min): " + [...differ, ...stale].join(", "));
      process.exit(1);
    }
    return;
  }
  fs.mkdirSync(OUT, { recursive: true });
  stale.forEach((n) => fs.unlinkSync(path.join(OUT, n)));
  differ.forEach((n) => fs.writeFileSync(path.join(OUT, n), files[n]));
  console.log("static/min/: " + differ.length + " written, " + stale.length + " removed");
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
module.exports = { minified, OUT };
