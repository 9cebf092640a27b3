import assert from "node:assert/strict";
import { test } from "node:test";
import { allocate } from "../allocate.js";

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

test("examples", () => {
  assert.deepEqual(allocate(100, [1, 1, 1]), [34, 33, 33]);
  assert.deepEqual(allocate(5, [1, 2]), [2, 3]);
  assert.deepEqual(allocate(-100, [1, 1, 1]), [-34, -33, -33]);
  assert.deepEqual(allocate(7, [0, 1, 0]), [0, 7, 0]);
});

test("largest remainder wins, ties to the lower index", () => {
  assert.deepEqual(allocate(10, [3, 3, 3]), [4, 3, 3]);
  assert.deepEqual(allocate(11, [1, 1, 1]), [4, 4, 3]);
  assert.deepEqual(allocate(1, [1, 1, 1, 1]), [1, 0, 0, 0]);
  assert.deepEqual(allocate(10, [1, 2, 3, 4]), [1, 2, 3, 4]);
  assert.deepEqual(allocate(100, [1, 2, 3, 4, 5, 6]), [5, 9, 14, 19, 24, 29]);
  assert.deepEqual(allocate(20, [7, 13, 5]), [6, 10, 4]);
  assert.deepEqual(allocate(3, [10, 1, 10]), [2, 0, 1]);
});

test("zero total and zero weights", () => {
  assert.deepEqual(allocate(0, [1, 2, 3]), [0, 0, 0]);
  assert.deepEqual(allocate(-5, [0, 1]), [0, -5]);
  assert.ok(allocate(-5, [0, 1]).every((x) => !Object.is(x, -0)), "no negative zero");
  assert.deepEqual(allocate(9, [5]), [9]);
});

test("negative totals mirror positive ones", () => {
  for (const weights of [[1, 2], [3, 3, 3], [7, 13, 5], [1, 2, 3, 4, 5, 6]]) {
    for (const total of [1, 5, 11, 99, 1001]) {
      const positive = allocate(total, weights);
      assert.deepEqual(allocate(-total, weights), positive.map((x) => (x === 0 ? 0 : -x)));
    }
  }
});

test("parts always sum to the total and stay within one cent of the exact share", () => {
  const weightSets = [[1, 1, 1], [2, 3, 5, 7, 11], [100, 1], [0, 3, 0, 4], [1, 1, 1, 1, 1, 1, 1]];
  for (const weights of weightSets) {
    const W = sum(weights);
    for (let total = 0; total <= 150; total++) {
      const parts = allocate(total, weights);
      assert.equal(sum(parts), total);
      parts.forEach((p, i) => {
        const exact = (total * weights[i]) / W;
        assert.ok(p >= Math.floor(exact) && p <= Math.floor(exact) + 1, `part ${i} of ${total} over ${weights}`);
        assert.ok(Number.isInteger(p));
      });
    }
  }
});

test("remainders are compared exactly", () => {
  // Floating point would see 0.7 * 3 vs 2.1 style rounding noise; exact integers must decide.
  assert.deepEqual(allocate(10, [7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 1]), [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
  assert.deepEqual(allocate(1, [1, 3, 3, 3]), [0, 1, 0, 0]);
  assert.deepEqual(allocate(2, [3, 1, 3, 3]), [1, 0, 1, 0]);
});

test("errors", () => {
  for (const total of [1.5, Number.NaN, "10", 2 ** 60]) assert.throws(() => allocate(total, [1]), RangeError);
  for (const weights of [[], "1,2", [1, -1], [0, 0], [1.5], [Number.NaN]]) {
    assert.throws(() => allocate(10, weights), RangeError, JSON.stringify(weights));
  }
});
