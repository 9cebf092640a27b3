import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_PER_PAGE, paginate, PaginationError, parsePageParams } from "../src/index.js";

test("params parsing", () => {
  assert.deepEqual(parsePageParams(), { page: 1, perPage: 20 });
  assert.deepEqual(parsePageParams({ page: "", per_page: "" }), { page: 1, perPage: 20 });
  assert.deepEqual(parsePageParams({ page: "7", per_page: "500" }), { page: 7, perPage: MAX_PER_PAGE });
  for (const bad of [{ page: "0" }, { page: "-1" }, { page: "2.5" }, { per_page: "abc" }, { per_page: "0" }]) {
    assert.throws(() => parsePageParams(bad), PaginationError, JSON.stringify(bad));
  }
});

test("full pages and the empty list", () => {
  const r = paginate(Array.from({ length: 40 }, (_, i) => i), { page: 2, perPage: 10 });
  assert.deepEqual(r.items, [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  assert.equal(r.total, 40);
  assert.equal(r.totalPages, 4);
  assert.equal(r.hasPrev, true);
  const e = paginate([], { page: 1, perPage: 10 });
  assert.deepEqual(e, { items: [], page: 1, perPage: 10, total: 0, totalPages: 1, hasPrev: false, hasNext: false });
  assert.throws(() => paginate([], { page: 2, perPage: 10 }), PaginationError);
});
