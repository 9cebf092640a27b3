export function spiralOrder(matrix) {
  throw new Error("not implemented");
}

export function spiralMatrix(rows, cols) {
  throw new Error("not implemented");
}
