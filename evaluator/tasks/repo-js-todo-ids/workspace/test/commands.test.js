import assert from "node:assert/strict";
import { test } from "node:test";
import { run, TodoStore } from "../src/index.js";

test("add and list", () => {
  const s = new TodoStore();
  assert.equal(run(s, ["add", "buy", "milk"]), "added #1 buy milk");
  assert.equal(run(s, ["list"]), "[ ] #1 buy milk");
});
