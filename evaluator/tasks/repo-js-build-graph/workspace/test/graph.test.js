import assert from "node:assert/strict";
import { test } from "node:test";
import { parseBuildfile, toposort } from "../src/index.js";

test("readme example", () => {
  const g = parseBuildfile("app: lib utils\nlib: utils\nutils:\ndocs: app\n");
  assert.deepEqual(toposort(g, ["app"]), ["utils", "lib", "app"]);
});
