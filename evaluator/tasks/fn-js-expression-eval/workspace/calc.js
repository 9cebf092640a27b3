export function evaluate(expression, variables = {}) {
  throw new Error("not implemented");
}
