import assert from "node:assert/strict";
import { test } from "node:test";
import { LRUCache, manualClock, memoize, systemClock } from "../src/index.js";

test("LRU order, peek and has do not change recency", () => {
  const cache = new LRUCache({ maxSize: 3 });
  cache.set("a", 1).set("b", 2).set("c", 3);
  assert.equal(cache.peek("a"), 1);
  assert.equal(cache.has("a"), true);
  cache.set("d", 4);
  assert.deepEqual(cache.keys(), ["b", "c", "d"]);
  cache.get("b");
  cache.set("e", 5);
  assert.deepEqual(cache.keys(), ["d", "b", "e"]);
  assert.equal(cache.size, 3);
  assert.deepEqual(cache.stats(), { hits: 1, misses: 0, evictions: 2 });
});

test("falsy values, delete, clear, misses", () => {
  const cache = new LRUCache({ maxSize: 4 });
  cache.set("zero", 0).set("empty", "").set("undef", undefined);
  assert.equal(cache.get("zero"), 0);
  assert.equal(cache.get("empty"), "");
  assert.equal(cache.has("undef"), true);
  assert.equal(cache.get("nope"), undefined);
  assert.equal(cache.delete("zero"), true);
  assert.equal(cache.delete("zero"), false);
  cache.clear();
  assert.equal(cache.size, 0);
  assert.deepEqual(cache.stats(), { hits: 2, misses: 1, evictions: 0 });
});

test("constructor validation and clocks", () => {
  assert.throws(() => new LRUCache({ maxSize: 0 }), RangeError);
  assert.throws(() => new LRUCache({ maxSize: 1.5 }), RangeError);
  assert.throws(() => new LRUCache(), RangeError);
  const clock = manualClock(5);
  assert.equal(clock.now(), 5);
  assert.equal(clock.advance(10), 15);
  assert.throws(() => clock.advance(-1), RangeError);
  assert.equal(typeof systemClock.now(), "number");
});

test("memoize caches results, including undefined, with a custom key", () => {
  let calls = 0;
  const f = memoize((a, b) => {
    calls++;
    return a === 0 ? undefined : a + b;
  });
  f(1, 2);
  f(1, 2);
  f(0, 1);
  f(0, 1);
  assert.equal(calls, 2);
  assert.equal(f.cache.size, 2);
  let n = 0;
  const g = memoize((o) => ++n, { key: (o) => o.id });
  g({ id: 1, x: 1 });
  assert.equal(g({ id: 1, x: 2 }), 1);
});
