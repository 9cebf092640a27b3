import assert from "node:assert/strict";
import { test } from "node:test";
import { LRUCache } from "../src/index.js";

test("evicts the least recently used", () => {
  const cache = new LRUCache({ maxSize: 2 });
  cache.set("a", 1).set("b", 2);
  cache.get("a");
  cache.set("c", 3);
  assert.deepEqual(cache.keys(), ["a", "c"]);
});
