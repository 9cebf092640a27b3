import assert from "node:assert/strict";
import { test } from "node:test";
import { LRUCache, manualClock, memoize } from "../src/index.js";

test("replacing an existing key at capacity evicts nothing", () => {
  const cache = new LRUCache({ maxSize: 2 });
  cache.set("a", 1).set("b", 2);
  cache.set("a", 10);
  assert.deepEqual(cache.keys(), ["b", "a"]);
  assert.equal(cache.get("b"), 2);
  assert.equal(cache.get("a"), 10);
  assert.equal(cache.stats().evictions, 0);
  cache.set("c", 3);
  assert.deepEqual(cache.keys(), ["a", "c"]);
  assert.equal(cache.stats().evictions, 1);
});

test("entries expire after the default ttl", () => {
  const clock = manualClock(1000);
  const cache = new LRUCache({ maxSize: 5, ttl: 100, clock });
  cache.set("a", 1);
  clock.advance(99);
  assert.equal(cache.get("a"), 1);
  assert.equal(cache.has("a"), true);
  clock.advance(1);
  assert.equal(cache.has("a"), false);
  assert.equal(cache.peek("a"), undefined);
  assert.equal(cache.get("a"), undefined);
  assert.equal(cache.size, 0);
  assert.deepEqual(cache.stats(), { hits: 1, misses: 1, evictions: 0 });
});

test("reading does not extend the lifetime; setting again does", () => {
  const clock = manualClock();
  const cache = new LRUCache({ maxSize: 5, ttl: 50, clock });
  cache.set("k", "v");
  clock.advance(40);
  cache.get("k");
  clock.advance(10);
  assert.equal(cache.get("k"), undefined);
  cache.set("k", "v2");
  clock.advance(30);
  cache.set("k", "v3");
  clock.advance(30);
  assert.equal(cache.get("k"), "v3");
});

test("per-entry ttl overrides the default, including when the default is Infinity", () => {
  const clock = manualClock();
  const cache = new LRUCache({ maxSize: 5, clock });
  cache.set("short", 1, { ttl: 10 });
  cache.set("forever", 2);
  clock.advance(1e9);
  assert.equal(cache.get("short"), undefined);
  assert.equal(cache.get("forever"), 2);
  const withDefault = new LRUCache({ maxSize: 5, ttl: 10, clock });
  withDefault.set("long", 1, { ttl: 1000 });
  clock.advance(500);
  assert.equal(withDefault.get("long"), 1);
});

test("expired entries are dropped before evicting live ones, and are not evictions", () => {
  const clock = manualClock();
  const cache = new LRUCache({ maxSize: 3, clock });
  cache.set("old", 1);
  cache.set("brief", 2, { ttl: 5 });
  cache.set("new", 3);
  clock.advance(5);
  cache.set("x", 4);
  assert.deepEqual(cache.keys(), ["old", "new", "x"]);
  assert.equal(cache.stats().evictions, 0);
  cache.set("y", 5);
  assert.deepEqual(cache.keys(), ["new", "x", "y"]);
  assert.equal(cache.stats().evictions, 1);
});

test("size, keys and delete ignore expired entries", () => {
  const clock = manualClock();
  const cache = new LRUCache({ maxSize: 10, clock });
  cache.set("a", 1, { ttl: 10 }).set("b", 2, { ttl: 20 }).set("c", 3);
  clock.advance(10);
  assert.equal(cache.size, 2);
  assert.deepEqual(cache.keys(), ["b", "c"]);
  assert.equal(cache.delete("a"), false);
  clock.advance(10);
  assert.deepEqual(cache.keys(), ["c"]);
  assert.equal(cache.delete("c"), true);
  assert.equal(cache.size, 0);
});

test("invalid ttl values throw RangeError", () => {
  assert.throws(() => new LRUCache({ maxSize: 1, ttl: 0 }), RangeError);
  assert.throws(() => new LRUCache({ maxSize: 1, ttl: -5 }), RangeError);
  assert.throws(() => new LRUCache({ maxSize: 1, ttl: "10" }), RangeError);
  assert.throws(() => new LRUCache({ maxSize: 1, ttl: Number.NaN }), RangeError);
  const cache = new LRUCache({ maxSize: 1 });
  assert.throws(() => cache.set("a", 1, { ttl: 0 }), RangeError);
});

test("memoize recomputes after expiry", () => {
  const clock = manualClock();
  let calls = 0;
  const f = memoize((n) => {
    calls++;
    return n * 2;
  }, { cache: new LRUCache({ maxSize: 10, ttl: 100, clock }) });
  assert.equal(f(2), 4);
  assert.equal(f(2), 4);
  clock.advance(100);
  assert.equal(f(2), 4);
  assert.equal(calls, 2);
});
