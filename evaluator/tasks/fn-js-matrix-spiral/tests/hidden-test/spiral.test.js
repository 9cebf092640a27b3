import assert from "node:assert/strict";
import { test } from "node:test";
import { spiralMatrix, spiralOrder } from "../spiral.js";

test("square matrices", () => {
  assert.deepEqual(spiralOrder([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), [1, 2, 3, 6, 9, 8, 7, 4, 5]);
  assert.deepEqual(spiralOrder([[1]]), [1]);
  assert.deepEqual(spiralOrder([[1, 2], [3, 4]]), [1, 2, 4, 3]);
  assert.deepEqual(
    spiralOrder([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]),
    [1, 2, 3, 4, 8, 12, 16, 15, 14, 13, 9, 5, 6, 7, 11, 10],
  );
});

test("rectangular matrices", () => {
  assert.deepEqual(spiralOrder([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]), [1, 2, 3, 4, 8, 12, 11, 10, 9, 5, 6, 7]);
  assert.deepEqual(spiralOrder([[1, 2], [3, 4], [5, 6], [7, 8]]), [1, 2, 4, 6, 8, 7, 5, 3]);
  assert.deepEqual(spiralOrder([[1], [2], [3]]), [1, 2, 3]);
  assert.deepEqual(spiralOrder([[1, 2, 3]]), [1, 2, 3]);
  assert.deepEqual(spiralOrder([["a", "b", "c"], ["d", "e", "f"]]), ["a", "b", "c", "f", "e", "d"]);
  assert.deepEqual(spiralOrder([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12], [13, 14, 15]]), [1, 2, 3, 6, 9, 12, 15, 14, 13, 10, 7, 4, 5, 8, 11]);
});

test("empty matrices and no mutation", () => {
  assert.deepEqual(spiralOrder([]), []);
  assert.deepEqual(spiralOrder([[]]), []);
  assert.deepEqual(spiralOrder([[], []]), []);
  const m = [[1, 2], [3, 4]];
  spiralOrder(m);
  assert.deepEqual(m, [[1, 2], [3, 4]]);
});

test("spiralOrder errors", () => {
  assert.throws(() => spiralOrder("nope"), TypeError);
  assert.throws(() => spiralOrder([[1], 2]), TypeError);
  assert.throws(() => spiralOrder([[1, 2], [3]]), RangeError);
});

test("spiralMatrix fills along the spiral", () => {
  assert.deepEqual(spiralMatrix(2, 3), [[1, 2, 3], [6, 5, 4]]);
  assert.deepEqual(spiralMatrix(3, 3), [[1, 2, 3], [8, 9, 4], [7, 6, 5]]);
  assert.deepEqual(spiralMatrix(1, 1), [[1]]);
  assert.deepEqual(spiralMatrix(3, 1), [[1], [2], [3]]);
  assert.deepEqual(spiralMatrix(4, 2), [[1, 2], [8, 3], [7, 4], [6, 5]]);
  assert.deepEqual(spiralMatrix(0, 4), []);
  assert.deepEqual(spiralMatrix(4, 0), []);
});

test("spiralOrder inverts spiralMatrix", () => {
  for (let r = 1; r <= 7; r++) {
    for (let c = 1; c <= 7; c++) {
      const expected = Array.from({ length: r * c }, (_, i) => i + 1);
      assert.deepEqual(spiralOrder(spiralMatrix(r, c)), expected, `${r}x${c}`);
    }
  }
});

test("spiralMatrix errors", () => {
  assert.throws(() => spiralMatrix(-1, 2), RangeError);
  assert.throws(() => spiralMatrix(2, 1.5), RangeError);
  assert.throws(() => spiralMatrix("2", 2), RangeError);
});
