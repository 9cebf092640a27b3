import { isEligible } from "./coupons.js";
import { roundDiv, sum } from "./money.js";

export function computeTotals(cart, catalog, { coupon = null, taxBps = 0 } = {}) {
  const lines = cart.items().map(({ sku, qty }) => {
    const product = catalog.get(sku);
    return { sku, name: product.name, qty, unitPrice: product.price, lineTotal: product.price * qty, category: product.category };
  });
  const subtotal = sum(lines.map((line) => line.lineTotal));

  const discount = coupon ? couponDiscount(coupon, lines, subtotal) : 0;
  // Tax is charged on what the customer pays, i.e. after the discount.
  const tax = roundDiv((subtotal - discount) * taxBps, 10000);
  return { lines, subtotal, discount, tax, total: subtotal - discount + tax, couponApplied: discount > 0 };
}

/** The discount in cents; 0 when the coupon does not apply to this cart. */
function couponDiscount(coupon, lines, subtotal) {
  if (subtotal < coupon.minSubtotal) return 0;
  const eligibleSubtotal = sum(lines.filter((line) => isEligible(coupon, line)).map((line) => line.lineTotal));
  if (eligibleSubtotal === 0) return 0;
  // Percent discounts are rounded once, on the eligible subtotal, never per line.
  if (coupon.type === "percent") return roundDiv(eligibleSubtotal * coupon.value, 100);
  return Math.min(coupon.value, eligibleSubtotal);
}
