export function nextRun(expression, after) {
  throw new Error("not implemented");
}
