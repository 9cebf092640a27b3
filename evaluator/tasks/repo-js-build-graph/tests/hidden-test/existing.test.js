import assert from "node:assert/strict";
import { test } from "node:test";
import { Graph, GraphError, parseBuildfile, plan, toposort } from "../src/index.js";

const TEXT = `# Buildfile
app: lib utils   # the app
lib: utils
utils:
docs: app

app: assets
`;

test("parsing merges repeated targets and adds dependency-only names", () => {
  const g = parseBuildfile(TEXT);
  assert.deepEqual(g.nodes(), ["app", "assets", "docs", "lib", "utils"]);
  assert.deepEqual(g.dependencies("app"), ["assets", "lib", "utils"]);
  assert.deepEqual(g.dependencies("assets"), []);
  assert.throws(() => parseBuildfile("ok: a\nno colon here\n"), /line 2/);
  assert.throws(() => parseBuildfile("a: b$c\n"), GraphError);
  assert.throws(() => g.dependencies("nope"), GraphError);
});

test("toposort order: depth first, dependencies alphabetically, each node once", () => {
  const g = parseBuildfile(TEXT);
  assert.deepEqual(toposort(g, ["docs"]), ["assets", "utils", "lib", "app", "docs"]);
  assert.deepEqual(toposort(g, ["lib", "docs"]), ["utils", "lib", "assets", "app", "docs"]);
  assert.deepEqual(toposort(g), ["assets", "utils", "lib", "app", "docs"]);
  assert.deepEqual(toposort(new Graph()), []);
  assert.throws(() => toposort(g, ["missing"]), /unknown target missing/);
});

test("diamonds are emitted once", () => {
  const g = new Graph().addEdge("d", "b").addEdge("d", "c").addEdge("b", "a").addEdge("c", "a");
  assert.deepEqual(toposort(g, ["d"]), ["a", "b", "c", "d"]);
});

test("plan skips up-to-date nodes whose inputs did not change", () => {
  const g = parseBuildfile("app: lib utils\nlib: utils\nutils:\ndocs: app\n");
  assert.deepEqual(plan(g, ["docs"]), ["utils", "lib", "app", "docs"]);
  assert.deepEqual(plan(g, ["docs"], { upToDate: ["utils", "lib"] }), ["app", "docs"]);
  assert.deepEqual(plan(g, ["app"], { upToDate: ["utils", "lib", "app"] }), []);
  assert.throws(() => plan(g, ["zzz"]), GraphError);
});
