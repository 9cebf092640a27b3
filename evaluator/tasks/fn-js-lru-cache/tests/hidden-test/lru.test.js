import assert from "node:assert/strict";
import { test } from "node:test";
import { LRUCache } from "../lru.js";

test("constructor validates capacity", () => {
  for (const bad of [0, -1, 1.5, Number.NaN, "3", undefined]) assert.throws(() => new LRUCache(bad), RangeError);
  assert.equal(new LRUCache(1).size, 0);
});

test("get, set, size and eviction order", () => {
  const c = new LRUCache(2);
  assert.equal(c.set("a", 1), c);
  c.set("b", 2);
  assert.equal(c.get("a"), 1);
  c.set("c", 3);
  assert.equal(c.has("b"), false);
  assert.equal(c.get("a"), 1);
  assert.equal(c.get("c"), 3);
  assert.equal(c.size, 2);
  assert.equal(c.get("zzz"), undefined);
  assert.deepEqual(c.keys(), ["c", "a"]);
});

test("updating a key refreshes it and does not grow the cache", () => {
  const evicted = [];
  const c = new LRUCache(3, { onEvict: (k, v) => evicted.push([k, v]) });
  c.set("a", 1).set("b", 2).set("c", 3);
  c.set("a", 10);
  assert.equal(c.size, 3);
  assert.deepEqual(evicted, []);
  c.set("d", 4);
  assert.deepEqual(evicted, [["b", 2]]);
  assert.deepEqual(c.entries(), [["d", 4], ["a", 10], ["c", 3]]);
});

test("peek and has do not change recency", () => {
  const c = new LRUCache(2);
  c.set("a", 1).set("b", 2);
  assert.equal(c.peek("a"), 1);
  assert.equal(c.has("a"), true);
  assert.equal(c.peek("nope"), undefined);
  c.set("c", 3);
  assert.equal(c.has("a"), false);
  assert.deepEqual(c.keys(), ["c", "b"]);
});

test("onEvict only for capacity evictions", () => {
  const evicted = [];
  const c = new LRUCache(2, { onEvict: (k, v) => evicted.push([k, v]) });
  c.set(1, "one").set(2, "two");
  assert.equal(c.delete(1), true);
  assert.equal(c.delete(1), false);
  c.set(3, "three").set(4, "four");
  assert.deepEqual(evicted, [[2, "two"]]);
  c.clear();
  assert.equal(c.size, 0);
  assert.deepEqual(c.keys(), []);
  assert.deepEqual(evicted, [[2, "two"]]);
  c.set(5, "five");
  assert.deepEqual(c.entries(), [[5, "five"]]);
});

test("keys are matched like Map keys", () => {
  const c = new LRUCache(4);
  const obj = {};
  c.set(Number.NaN, "nan").set(obj, "obj").set(0, "zero");
  assert.equal(c.get(Number.NaN), "nan");
  assert.equal(c.get(obj), "obj");
  assert.equal(c.get({}), undefined);
  assert.equal(c.get(-0), "zero");
  c.set(undefined, "u");
  assert.equal(c.has(undefined), true);
  assert.equal(c.get(undefined), "u");
  assert.deepEqual(c.keys(), [undefined, 0, obj, Number.NaN]);
});

test("a stored undefined value is still a hit that refreshes recency", () => {
  const c = new LRUCache(2);
  c.set("a", undefined).set("b", 1);
  c.get("a");
  c.set("c", 2);
  assert.equal(c.has("a"), true);
  assert.equal(c.has("b"), false);
});

test("capacity 1", () => {
  const evicted = [];
  const c = new LRUCache(1, { onEvict: (k) => evicted.push(k) });
  c.set("a", 1).set("b", 2).set("b", 3).set("c", 4);
  assert.deepEqual(evicted, ["a", "b"]);
  assert.deepEqual(c.entries(), [["c", 4]]);
});

test("large workloads stay fast", () => {
  const n = 100_000;
  const c = new LRUCache(n);
  for (let i = 0; i < n; i++) c.set(i, i);
  for (let i = 0; i < n; i += 2) c.get(i);
  let evictions = 0;
  const d = new LRUCache(n / 2, { onEvict: () => evictions++ });
  for (let i = 0; i < 2 * n; i++) {
    d.set(i % n, i);
    d.get((i * 7) % n);
  }
  assert.ok(evictions > 0);
  assert.equal(c.size, n);
  // The odd keys were not touched, so the least recent is 1 and the most recent is n - 2.
  const keys = c.keys();
  assert.equal(keys[0], n - 2);
  assert.equal(keys[keys.length - 1], 1);
});
