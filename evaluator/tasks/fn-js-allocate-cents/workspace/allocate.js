export function allocate(total, weights) {
  throw new Error("not implemented");
}
