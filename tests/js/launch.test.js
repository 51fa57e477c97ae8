"use strict";
/* One entry point for every adapter: launch(win, config, opts) -> adapter | null
 * (docs/runtime-contract.md "The adapters' entry point"). */
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, fakeAPI } = require("./lib.js");

const ADAPTERS = ["adapter-none.js", "adapter-scorm12.js", "adapter-scorm2004.js", "adapter-xapi.js", "adapter-cmi5.js"];

function win(props) {
  const w = Object.assign({ location: { search: "", href: "https://lms.example/sco/index.html", origin: "https://lms.example" },
    addEventListener() {}, CourseBuild: { adapters: {} } }, props);
  if (!("parent" in w)) w.parent = w;
  return w;
}

test("every adapter has the same entry point: launch(win, config, opts)", () => {
  for (const name of ADAPTERS) {
    const A = load(name);
    assert.equal(typeof A.launch, "function", name + " has launch()");
    assert.equal(A.launch.length, 3, name + ": launch(win, config, opts)");
  }
});

test("scorm12 launch: the adapter around the LMS's API, or null without one", () => {
  const A = load("adapter-scorm12.js");
  const config = { target: "scorm12", suspendDataLimit: 4096 };
  assert.equal(A.launch(win({}), config, {}), null);
  const api = fakeAPI();
  const saved = [];
  const adapter = A.launch(win({ API: api }), config, { onsave: (ok) => saved.push(ok) });
  assert.equal(adapter.name, "scorm12");
  assert.equal(adapter.init().ok, true);
  adapter.setBookmark("p1", "x");
  adapter.commit();
  assert.deepEqual(saved, [true]);
});

test("scorm12 launch: dual tracking when the build gave an LRS (config.xapi.lrs)", () => {
  const A = load("adapter-scorm12.js");
  const api = fakeAPI();
  const calls = [];
  const dual = (primary, found, config, w) => {
    calls.push([primary.name, found === api, config.xapi.lrs, !!w.CourseBuild]);
    return Object.assign({}, primary, { name: "dual" });
  };
  const w = win({ API: api, CourseBuild: { adapters: { xapi: { dual } } } });
  const config = { target: "scorm12", suspendDataLimit: 4096, xapi: { lrs: "https://lrs.example/xapi/" } };
  assert.equal(A.launch(w, config, {}).name, "dual");
  assert.deepEqual(calls, [["scorm12", true, "https://lrs.example/xapi/", true]]);
  assert.equal(A.launch(w, { target: "scorm12", suspendDataLimit: 4096, xapi: { lrs: null } }, {}).name, "scorm12");
});

test("none launch: an adapter that records nothing", () => {
  const adapter = load("adapter-none.js").launch(win({}), { target: "web" }, {});
  assert.equal(adapter.name, "none");
  assert.equal(adapter.tracking, false);
  assert.equal(adapter.init().ok, true);
});
