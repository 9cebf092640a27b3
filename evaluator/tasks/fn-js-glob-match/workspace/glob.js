export function globMatch(pattern, path) {
  throw new Error("not implemented");
}
