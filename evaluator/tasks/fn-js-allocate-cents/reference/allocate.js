export function allocate(total, weights) {
  if (!Number.isSafeInteger(total)) throw new RangeError("total must be a safe integer");
  if (!Array.isArray(weights) || weights.length === 0) throw new RangeError("weights must be a non-empty array");
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError("weights must be non-negative integers");
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) throw new RangeError("at least one weight must be positive");
  if (total < 0) return allocate(-total, weights).map((part) => (part === 0 ? 0 : -part));
  const T = BigInt(total);
  const W = BigInt(sum);
  const parts = weights.map((w) => Number((T * BigInt(w)) / W));
  const remainders = weights.map((w) => (T * BigInt(w)) % W);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = weights
    .map((_, i) => i)
    .sort((a, b) => (remainders[b] > remainders[a] ? 1 : remainders[b] < remainders[a] ? -1 : a - b));
  for (const i of order) {
    if (left === 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}
