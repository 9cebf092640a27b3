import assert from "node:assert/strict";
import { test } from "node:test";
import { CycleError, Graph, GraphError, parseBuildfile, plan, toposort } from "../src/index.js";

function cycleOf(fn) {
  let caught;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof CycleError, `expected CycleError, got ${caught}`);
  assert.ok(caught instanceof GraphError);
  return caught;
}

test("a three-node cycle is reported with its path", () => {
  const g = parseBuildfile("a: b\nb: c\nc: a\n");
  const err = cycleOf(() => toposort(g, ["a"]));
  assert.deepEqual(err.cycle, ["a", "b", "c", "a"]);
  assert.equal(err.message, "dependency cycle: a -> b -> c -> a");
  assert.deepEqual(cycleOf(() => toposort(g, ["c"])).cycle, ["c", "a", "b", "c"]);
});

test("the cycle path starts where the cycle starts, not at the target", () => {
  const g = parseBuildfile("app: lib\nlib: core\ncore: util\nutil: lib\n");
  assert.deepEqual(cycleOf(() => toposort(g, ["app"])).cycle, ["lib", "core", "util", "lib"]);
  assert.deepEqual(cycleOf(() => toposort(g)).cycle, ["lib", "core", "util", "lib"]);
});

test("self dependency", () => {
  const g = new Graph().addEdge("x", "x");
  assert.deepEqual(cycleOf(() => toposort(g)).cycle, ["x", "x"]);
  assert.deepEqual(cycleOf(() => plan(g, ["x"])).cycle, ["x", "x"]);
});

test("cycles found through the alphabetical dependency order", () => {
  const g = parseBuildfile("top: z a\na: b\nb:\nz: y\ny: z\n");
  assert.deepEqual(cycleOf(() => toposort(g, ["top"])).cycle, ["z", "y", "z"]);
  assert.deepEqual(toposort(g, ["a"]), ["b", "a"]);
});

test("a large acyclic chain does not overflow and keeps order", () => {
  const g = new Graph();
  for (let i = 1; i < 2000; i++) g.addEdge(`n${String(i).padStart(4, "0")}`, `n${String(i - 1).padStart(4, "0")}`);
  const order = toposort(g, ["n1999"]);
  assert.equal(order.length, 2000);
  assert.equal(order[0], "n0000");
});

test("plan rebuilds dependents of rebuilt nodes", () => {
  const g = parseBuildfile("app: lib utils\nlib: utils\nutils:\ndocs: app\ntests: lib\n");
  assert.deepEqual(plan(g, ["docs"], { upToDate: ["lib", "app", "docs"] }), ["utils", "lib", "app", "docs"]);
  assert.deepEqual(plan(g, ["docs"], { upToDate: ["utils", "app", "docs"] }), ["lib", "app", "docs"]);
  assert.deepEqual(plan(g, ["docs"], { upToDate: ["utils", "lib", "docs"] }), ["app", "docs"]);
  assert.deepEqual(plan(g, ["docs", "tests"], { upToDate: ["utils", "app", "docs", "tests"] }), [
    "lib",
    "app",
    "docs",
    "tests",
  ]);
});

test("plan propagates through long chains and diamonds", () => {
  const g = parseBuildfile("d: b c\nb: a\nc: a\na:\nside:\n");
  assert.deepEqual(plan(g, ["d", "side"], { upToDate: ["b", "c", "d", "side"] }), ["a", "b", "c", "d"]);
  assert.deepEqual(plan(g, ["d"], { upToDate: ["a", "b", "d"] }), ["c", "d"]);
});
