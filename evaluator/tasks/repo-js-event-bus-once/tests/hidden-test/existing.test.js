import assert from "node:assert/strict";
import { test } from "node:test";
import { createChannel, Emitter, waitFor } from "../src/index.js";

test("emit passes arguments in order and returns whether anyone listened", () => {
  const bus = new Emitter();
  const seen = [];
  bus.on("x", (...a) => seen.push(["one", ...a]));
  bus.on("x", (...a) => seen.push(["two", ...a]));
  assert.equal(bus.emit("x", 1, "b"), true);
  assert.deepEqual(seen, [["one", 1, "b"], ["two", 1, "b"]]);
  assert.equal(bus.emit("nobody"), false);
});

test("wildcard listeners run after specific ones and receive the event name", () => {
  const bus = new Emitter();
  const seen = [];
  bus.on("*", (event, v) => seen.push(`*${event}${v}`));
  bus.on("x", (v) => seen.push(`x${v}`));
  assert.equal(bus.emit("x", 1), true);
  assert.equal(bus.emit("y", 2), true);
  assert.deepEqual(seen, ["x1", "*x1", "*y2"]);
});

test("same function twice is called twice; off removes one registration", () => {
  const bus = new Emitter();
  let n = 0;
  const fn = () => n++;
  bus.on("x", fn);
  bus.on("x", fn);
  bus.emit("x");
  assert.equal(n, 2);
  assert.equal(bus.off("x", fn), true);
  bus.emit("x");
  assert.equal(n, 3);
  assert.equal(bus.off("nothing", fn), false);
});

test("listenerCount, removeAll and listener validation", () => {
  const bus = new Emitter();
  bus.on("a", () => {});
  bus.once("a", () => {});
  bus.on("b", () => {});
  assert.equal(bus.listenerCount("a"), 2);
  bus.removeAll("a");
  assert.equal(bus.listenerCount("a"), 0);
  assert.equal(bus.listenerCount("b"), 1);
  bus.removeAll();
  assert.equal(bus.listenerCount("b"), 0);
  assert.throws(() => bus.on("a", "nope"), TypeError);
  assert.throws(() => bus.once("a", null), TypeError);
});

test("listener errors propagate out of emit", () => {
  const bus = new Emitter();
  bus.on("x", () => {
    throw new Error("boom");
  });
  assert.throws(() => bus.emit("x"), /boom/);
});

test("channels prefix their events", () => {
  const bus = new Emitter();
  const ch = createChannel(bus, "users");
  const seen = [];
  ch.on("created", (u) => seen.push(u));
  bus.emit("users:created", 1);
  ch.emit("created", 2);
  bus.emit("created", 3);
  assert.deepEqual(seen, [1, 2]);
  assert.equal(ch.listenerCount("created"), 1);
  assert.throws(() => createChannel(bus, "a:b"), TypeError);
});

test("waitFor resolves with the arguments of the next event", async () => {
  const bus = new Emitter();
  const p = waitFor(bus, "done");
  bus.emit("done", 1, 2);
  bus.emit("done", 3);
  assert.deepEqual(await p, [1, 2]);
  assert.equal(bus.listenerCount("done"), 0);
  const c = new AbortController();
  c.abort(new Error("early"));
  await assert.rejects(waitFor(bus, "done", { signal: c.signal }), /early/);
});
