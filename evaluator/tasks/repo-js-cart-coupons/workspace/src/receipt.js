import { formatCents } from "./money.js";

export function formatReceipt(totals) {
  const rows = totals.lines.map((l) => `${l.qty} x ${l.name} @ ${formatCents(l.unitPrice)} = ${formatCents(l.lineTotal)}`);
  rows.push(`Subtotal: ${formatCents(totals.subtotal)}`);
  if (totals.couponApplied && totals.discount > 0) rows.push(`Discount: -${formatCents(totals.discount)}`);
  if (totals.tax > 0) rows.push(`Tax: ${formatCents(totals.tax)}`);
  rows.push(`Total: ${formatCents(totals.total)}`);
  return rows.join("\n");
}
