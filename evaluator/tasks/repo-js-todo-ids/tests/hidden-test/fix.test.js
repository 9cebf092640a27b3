import assert from "node:assert/strict";
import { test } from "node:test";
import { run, TodoError, TodoStore } from "../src/index.js";

test("ids are not reused after removing an item", () => {
  const s = new TodoStore();
  run(s, ["add", "a"]);
  run(s, ["add", "b"]);
  run(s, ["add", "c"]);
  run(s, ["rm", "1"]);
  assert.equal(run(s, ["add", "d"]), "added #4 d");
  assert.equal(run(s, ["list"]), "[ ] #2 b\n[ ] #3 c\n[ ] #4 d");
  run(s, ["rm", "4"]);
  assert.equal(run(s, ["add", "e"]), "added #5 e");
});

test("ids survive serialize/load, including removed last ids", () => {
  const s = new TodoStore();
  run(s, ["add", "a"]);
  run(s, ["add", "b"]);
  run(s, ["rm", "2"]);
  const loaded = TodoStore.load(s.serialize());
  assert.equal(run(loaded, ["add", "c"]), "added #3 c");
  run(loaded, ["rm", "1"]);
  run(loaded, ["rm", "3"]);
  const again = TodoStore.load(loaded.serialize());
  assert.equal(again.add("z").id, 4);
});

test("old files without a saved counter continue after the highest id", () => {
  const old = JSON.stringify({ items: [{ id: 7, text: "x", done: false }, { id: 3, text: "y", done: true }] });
  const s = TodoStore.load(old);
  assert.equal(s.add("new").id, 8);
  const empty = TodoStore.load('{"items":[]}');
  assert.equal(empty.add("first").id, 1);
});

test("done and undo reject unknown ids", () => {
  const s = new TodoStore();
  run(s, ["add", "a"]);
  assert.throws(() => run(s, ["done", "9"]), (e) => e instanceof TodoError && e.message === "no todo with id 9");
  assert.throws(() => run(s, ["undo", "2"]), (e) => e instanceof TodoError && e.message === "no todo with id 2");
  assert.throws(() => s.setDone(5, true), TodoError);
  assert.equal(run(s, ["list", "--all"]), "[ ] #1 a");
});

test("the store does not hand out its internal objects", () => {
  const s = new TodoStore();
  s.add("a");
  const removed = s.remove(1);
  removed.text = "changed";
  s.add("b");
  assert.equal(s.get(2).text, "b");
});
