export function topWords(text, n = 10) {
  throw new Error("not implemented");
}
