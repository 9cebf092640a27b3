export function render(template, data) {
  throw new Error("not implemented");
}
