import { isEligible } from "./coupons.js";
import { sum } from "./money.js";

export function computeTotals(cart, catalog, { coupon = null, taxBps = 0 } = {}) {
  const lines = cart.items().map(({ sku, qty }) => {
    const product = catalog.get(sku);
    return { sku, name: product.name, qty, unitPrice: product.price, lineTotal: product.price * qty, category: product.category };
  });
  const subtotal = sum(lines.map((line) => line.lineTotal));

  let discount = 0;
  if (coupon) {
    const eligible = lines.filter((line) => isEligible(coupon, line));
    if (coupon.type === "percent") {
      discount = sum(eligible.map((line) => Math.floor((line.lineTotal * coupon.value) / 100)));
    } else {
      discount = coupon.value;
    }
  }
  const tax = Math.floor((subtotal * taxBps) / 10000);
  return { lines, subtotal, discount, tax, total: subtotal - discount + tax, couponApplied: coupon !== null };
}
