import assert from "node:assert/strict";
import { test } from "node:test";
import { CycleError, topoSort } from "../topo.js";

function assertValidOrder(graph, order) {
  const index = new Map(order.map((n, i) => [n, i]));
  assert.equal(index.size, order.length, "no duplicates");
  for (const [node, deps] of Object.entries(graph)) {
    assert.ok(index.has(node), `${node} present`);
    for (const d of deps) assert.ok(index.get(d) < index.get(node), `${d} before ${node}`);
  }
}

function assertCycle(graph, cycle) {
  assert.ok(Array.isArray(cycle) && cycle.length > 0, "cycle is a non-empty array");
  assert.equal(new Set(cycle).size, cycle.length, "cycle nodes are distinct");
  for (let i = 0; i < cycle.length; i++) {
    const from = cycle[i];
    const to = cycle[(i + 1) % cycle.length];
    assert.ok((graph[from] ?? []).includes(to), `${from} depends on ${to}`);
  }
}

test("example from the instructions", () => {
  const g = { app: ["lib", "util"], lib: ["util"], test: ["app"], docs: [] };
  assert.deepEqual(topoSort(g), ["docs", "util", "lib", "app", "test"]);
});

test("smallest ready node first", () => {
  assert.deepEqual(topoSort({ c: [], b: [], a: [] }), ["a", "b", "c"]);
  assert.deepEqual(topoSort({ a: ["z"], b: [] }), ["b", "z", "a"]);
  assert.deepEqual(topoSort({ B: [], a: [], A: [] }), ["A", "B", "a"]);
  assert.deepEqual(topoSort({ m: ["x", "x", "y"], y: ["x"] }), ["x", "y", "m"]);
  assert.deepEqual(topoSort({ "10": [], "9": [], "2": ["10"] }), ["10", "2", "9"]);
});

test("nodes that appear only as dependencies", () => {
  const g = { top: ["mid1", "mid2"], mid1: ["leaf"], mid2: ["leaf", "other"] };
  const order = topoSort(g);
  assert.deepEqual(order, ["leaf", "mid1", "other", "mid2", "top"]);
  assertValidOrder(g, order);
});

test("empty graph", () => {
  assert.deepEqual(topoSort({}), []);
});

test("self dependency", () => {
  try {
    topoSort({ a: ["a"] });
    assert.fail("expected a CycleError");
  } catch (error) {
    assert.ok(error instanceof CycleError);
    assert.ok(error instanceof Error);
    assert.equal(error.name, "CycleError");
    assert.deepEqual(error.cycle, ["a"]);
  }
});

test("cycles are reported as real cycles", () => {
  const graphs = [
    { a: ["b"], b: ["a"] },
    { a: ["b"], b: ["c"], c: ["d"], d: ["b"], e: [] },
    { x: ["y", "ok"], y: ["z"], z: ["x"], ok: [] },
    { root: ["a"], a: ["b", "c"], b: [], c: ["d"], d: ["a", "b"] },
  ];
  for (const g of graphs) {
    let caught;
    try {
      topoSort(g);
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof CycleError, `cycle detected in ${JSON.stringify(g)}`);
    assertCycle(g, caught.cycle);
    for (const node of caught.cycle) assert.match(caught.message, new RegExp(node));
  }
});

test("bad input", () => {
  assert.throws(() => topoSort(null), TypeError);
  assert.throws(() => topoSort("a"), TypeError);
  assert.throws(() => topoSort({ a: "b" }), TypeError);
  assert.throws(() => topoSort({ a: [1] }), TypeError);
});

test("large graphs: long chain and wide fan-in", () => {
  const n = 10_000;
  const chain = {};
  for (let i = 1; i < n; i++) chain[`n${String(i).padStart(5, "0")}`] = [`n${String(i - 1).padStart(5, "0")}`];
  const order = topoSort(chain);
  assert.equal(order.length, n);
  assert.equal(order[0], "n00000");
  assert.equal(order[n - 1], `n${String(n - 1).padStart(5, "0")}`);

  const wide = { sink: [] };
  for (let i = 0; i < n; i++) wide.sink.push(`w${i}`);
  const wideOrder = topoSort(wide);
  assert.equal(wideOrder.at(-1), "sink");
  assertValidOrder(wide, wideOrder);
  const sorted = [...wideOrder.slice(0, -1)].sort();
  assert.deepEqual(wideOrder.slice(0, -1), sorted);

  const cyclic = {};
  for (let i = 0; i < n; i++) cyclic[`c${i}`] = [`c${(i + 1) % n}`];
  assert.throws(() => topoSort(cyclic), (error) => error instanceof CycleError && error.cycle.length === n);
});
