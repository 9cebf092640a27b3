const WORD = /[\p{L}\p{Nd}]+(?:['’][\p{L}\p{Nd}]+)*/gu;

export function topWords(text, n = 10) {
  if (typeof text !== "string") throw new TypeError("topWords expects a string");
  if (!Number.isInteger(n) || n < 0) throw new RangeError("n must be a non-negative integer");
  const counts = new Map();
  for (const match of text.matchAll(WORD)) {
    const word = match[0].replaceAll("’", "'").toLowerCase();
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n);
}
