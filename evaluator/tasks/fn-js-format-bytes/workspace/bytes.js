export function formatBytes(bytes, options = {}) {
  throw new Error("not implemented");
}
