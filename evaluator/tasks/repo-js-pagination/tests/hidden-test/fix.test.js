import assert from "node:assert/strict";
import { test } from "node:test";
import { buildLinks, paginate, PaginationError } from "../src/index.js";

const rows = (n) => Array.from({ length: n }, (_, i) => i + 1);

test("a partial last page counts as a page", () => {
  const r = paginate(rows(45), { page: 5, perPage: 10 });
  assert.deepEqual(r.items, [41, 42, 43, 44, 45]);
  assert.equal(r.totalPages, 5);
  assert.equal(r.hasNext, false);
  assert.equal(r.hasPrev, true);
  assert.equal(paginate(rows(1), { page: 1, perPage: 20 }).totalPages, 1);
  assert.equal(paginate(rows(21), { page: 2, perPage: 20 }).items.length, 1);
  assert.equal(paginate(rows(101), { perPage: 100 }).totalPages, 2);
});

test("hasNext is true exactly when a later page exists", () => {
  assert.equal(paginate(rows(45), { page: 1, perPage: 10 }).hasNext, true);
  assert.equal(paginate(rows(45), { page: 4, perPage: 10 }).hasNext, true);
  assert.equal(paginate(rows(40), { page: 4, perPage: 10 }).hasNext, false);
  assert.equal(paginate(rows(40), { page: 3, perPage: 10 }).hasNext, true);
  assert.equal(paginate(rows(3), { page: 1, perPage: 2 }).hasNext, true);
  assert.equal(paginate([], { page: 1, perPage: 5 }).hasNext, false);
});

test("pages after the last still throw", () => {
  assert.throws(() => paginate(rows(45), { page: 6, perPage: 10 }), PaginationError);
  assert.throws(() => paginate(rows(40), { page: 5, perPage: 10 }), PaginationError);
});

test("links point at the real last page", () => {
  const meta = paginate(rows(45), { page: 4, perPage: 10 });
  assert.deepEqual(buildLinks("/api/books", meta), {
    first: "/api/books?page=1&per_page=10",
    prev: "/api/books?page=3&per_page=10",
    next: "/api/books?page=5&per_page=10",
    last: "/api/books?page=5&per_page=10",
  });
  const only = paginate(rows(3), { page: 1, perPage: 10 });
  assert.deepEqual(buildLinks("/x?sort=asc", only), {
    first: "/x?sort=asc&page=1&per_page=10",
    prev: null,
    next: null,
    last: "/x?sort=asc&page=1&per_page=10",
  });
  const empty = paginate([], { page: 1, perPage: 10 });
  assert.equal(buildLinks("/e", empty).last, "/e?page=1&per_page=10");
});
