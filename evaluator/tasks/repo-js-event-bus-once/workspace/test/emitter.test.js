import assert from "node:assert/strict";
import { test } from "node:test";
import { Emitter } from "../src/index.js";

test("on and emit", () => {
  const bus = new Emitter();
  const seen = [];
  bus.on("x", (a, b) => seen.push(a + b));
  assert.equal(bus.emit("x", 1, 2), true);
  assert.deepEqual(seen, [3]);
  assert.equal(bus.emit("y"), false);
});

test("once fires once", () => {
  const bus = new Emitter();
  let n = 0;
  bus.once("x", () => n++);
  bus.emit("x");
  bus.emit("x");
  assert.equal(n, 1);
});
