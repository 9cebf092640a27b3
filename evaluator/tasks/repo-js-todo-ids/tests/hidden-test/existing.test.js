import assert from "node:assert/strict";
import { test } from "node:test";
import { formatTodo, run, TodoError, TodoStore } from "../src/index.js";

test("the README session", () => {
  const s = new TodoStore();
  assert.equal(run(s, ["add", "buy milk"]), "added #1 buy milk");
  assert.equal(run(s, ["add", "call", "mum"]), "added #2 call mum");
  assert.equal(run(s, ["done", "1"]), "completed #1");
  assert.equal(run(s, ["list"]), "[ ] #2 call mum");
  assert.equal(run(s, ["list", "--done"]), "[x] #1 buy milk");
  assert.equal(run(s, ["list", "--all"]), "[x] #1 buy milk\n[ ] #2 call mum");
  assert.equal(run(s, ["undo", "1"]), "reopened #1");
  assert.equal(run(s, ["rm", "2"]), "removed #2");
  assert.equal(run(s, ["list", "--done"]), "(nothing to do)");
});

test("errors", () => {
  const s = new TodoStore();
  assert.throws(() => run(s, ["add", "  "]), TodoError);
  assert.throws(() => run(s, ["rm", "1"]), /no todo with id 1/);
  assert.throws(() => run(s, ["done", "x"]), /invalid id/);
  assert.throws(() => run(s, ["done", "0"]), TodoError);
  assert.throws(() => run(s, ["list", "--bogus"]), TodoError);
  assert.throws(() => run(s, ["fly"]), TodoError);
  assert.throws(() => TodoStore.load('{"todos":[]}'), TodoError);
});

test("serialize round trip keeps items", () => {
  const s = new TodoStore();
  s.add("a");
  s.add("b");
  s.setDone(2, true);
  const t = TodoStore.load(s.serialize());
  assert.deepEqual(t.list("all"), [
    { id: 1, text: "a", done: false },
    { id: 2, text: "b", done: true },
  ]);
  assert.equal(JSON.parse(s.serialize()).items.length, 2);
  assert.equal(formatTodo({ id: 3, text: "z", done: true }), "[x] #3 z");
});
