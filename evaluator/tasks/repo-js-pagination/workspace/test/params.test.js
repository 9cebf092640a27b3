import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePageParams } from "../src/index.js";

test("defaults", () => {
  assert.deepEqual(parsePageParams({}), { page: 1, perPage: 20 });
  assert.deepEqual(parsePageParams({ page: "2", per_page: "10" }), { page: 2, perPage: 10 });
});
