function* spiralCells(rows, cols) {
  let top = 0;
  let bottom = rows - 1;
  let left = 0;
  let right = cols - 1;
  while (top <= bottom && left <= right) {
    for (let c = left; c <= right; c++) yield [top, c];
    for (let r = top + 1; r <= bottom; r++) yield [r, right];
    if (top < bottom) for (let c = right - 1; c >= left; c--) yield [bottom, c];
    if (left < right) for (let r = bottom - 1; r > top; r--) yield [r, left];
    top++;
    bottom--;
    left++;
    right--;
  }
}

export function spiralOrder(matrix) {
  if (!Array.isArray(matrix)) throw new TypeError("matrix must be an array of rows");
  for (const row of matrix) if (!Array.isArray(row)) throw new TypeError("every row must be an array");
  const cols = matrix.length === 0 ? 0 : matrix[0].length;
  if (matrix.some((row) => row.length !== cols)) throw new RangeError("rows must have equal lengths");
  return [...spiralCells(matrix.length, cols)].map(([r, c]) => matrix[r][c]);
}

export function spiralMatrix(rows, cols) {
  for (const n of [rows, cols]) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError("rows and cols must be non-negative integers");
  }
  if (rows === 0 || cols === 0) return [];
  const out = Array.from({ length: rows }, () => new Array(cols).fill(0));
  let next = 1;
  for (const [r, c] of spiralCells(rows, cols)) out[r][c] = next++;
  return out;
}
