import assert from "node:assert/strict";
import { test } from "node:test";
import { createChannel, Emitter, waitFor } from "../src/index.js";

test("off removes a listener registered with once", () => {
  const bus = new Emitter();
  let n = 0;
  const fn = () => n++;
  bus.once("x", fn);
  assert.equal(bus.listenerCount("x"), 1);
  assert.equal(bus.off("x", fn), true);
  assert.equal(bus.listenerCount("x"), 0);
  assert.equal(bus.emit("x"), false);
  assert.equal(n, 0);
  assert.equal(bus.off("x", fn), false);
});

test("channel off works for once listeners", () => {
  const bus = new Emitter();
  const ch = createChannel(bus, "users");
  let n = 0;
  const fn = () => n++;
  ch.once("created", fn);
  assert.equal(ch.off("created", fn), true);
  ch.emit("created");
  assert.equal(n, 0);
});

test("a listener removing itself does not make the next one be skipped", () => {
  const bus = new Emitter();
  const seen = [];
  const a = () => {
    seen.push("a");
    bus.off("x", a);
  };
  bus.on("x", a);
  bus.on("x", () => seen.push("b"));
  bus.on("x", () => seen.push("c"));
  bus.emit("x");
  bus.emit("x");
  assert.deepEqual(seen, ["a", "b", "c", "b", "c"]);
});

test("several once listeners all fire exactly once, in order", () => {
  const bus = new Emitter();
  const seen = [];
  bus.once("x", () => seen.push(1));
  bus.once("x", () => seen.push(2));
  bus.on("x", () => seen.push(3));
  bus.once("x", () => seen.push(4));
  bus.emit("x");
  bus.emit("x");
  assert.deepEqual(seen, [1, 2, 3, 4, 3]);
  assert.equal(bus.listenerCount("x"), 1);
});

test("a listener removed during emit by an earlier listener is not called", () => {
  const bus = new Emitter();
  const seen = [];
  const b = () => seen.push("b");
  bus.on("x", () => {
    seen.push("a");
    bus.off("x", b);
  });
  bus.on("x", b);
  bus.emit("x");
  assert.deepEqual(seen, ["a"]);
});

test("listeners added during emit wait for the next emit", () => {
  const bus = new Emitter();
  const seen = [];
  bus.once("x", () => {
    seen.push("first");
    bus.on("x", () => seen.push("late"));
  });
  bus.emit("x");
  assert.deepEqual(seen, ["first"]);
  bus.emit("x");
  assert.deepEqual(seen, ["first", "late"]);
});

test("a once listener that re-emits its own event runs only once", () => {
  const bus = new Emitter();
  let n = 0;
  bus.once("x", () => {
    n++;
    bus.emit("x");
  });
  bus.emit("x");
  assert.equal(n, 1);
  assert.equal(bus.listenerCount("x"), 0);
});

test("unsubscribe removes exactly its own registration", () => {
  const bus = new Emitter();
  let n = 0;
  const fn = () => n++;
  const stopFirst = bus.on("x", fn);
  bus.once("x", fn);
  assert.equal(bus.listenerCount("x"), 2);
  stopFirst();
  stopFirst();
  assert.equal(bus.listenerCount("x"), 1);
  bus.emit("x");
  bus.emit("x");
  assert.equal(n, 1);
  const stopOnce = bus.once("y", fn);
  stopOnce();
  assert.equal(bus.emit("y"), false);
});

test("waitFor with an aborted signal leaves no listener behind", async () => {
  const bus = new Emitter();
  const controller = new AbortController();
  const pending = waitFor(bus, "ready", { signal: controller.signal });
  assert.equal(bus.listenerCount("ready"), 1);
  controller.abort(new Error("gave up"));
  await assert.rejects(pending, /gave up/);
  assert.equal(bus.listenerCount("ready"), 0);
  assert.equal(bus.emit("ready"), false);
});

test("wildcard once listeners can be removed with off", () => {
  const bus = new Emitter();
  const seen = [];
  const fn = (event) => seen.push(event);
  bus.once("*", fn);
  assert.equal(bus.off("*", fn), true);
  bus.emit("x");
  assert.deepEqual(seen, []);
  bus.once("*", fn);
  bus.emit("a");
  bus.emit("b");
  assert.deepEqual(seen, ["a"]);
});
