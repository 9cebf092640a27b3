/** "$12.34" (negative amounts as "-$1.00"). */
export function formatCents(cents) {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}$${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** numerator / denominator for non-negative integers, rounded half up, exactly. */
export function roundDiv(numerator, denominator) {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

export function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}
