import { CheckoutError } from "./errors.js";

export function createCoupon({ code, type, value, minSubtotal = 0, categories = null }) {
  if (typeof code !== "string" || code === "") throw new CheckoutError("coupon needs a code");
  if (type === "percent") {
    if (!Number.isInteger(value) || value < 1 || value > 100) {
      throw new CheckoutError(`percent coupon ${code}: value must be an integer 1-100`);
    }
  } else if (type === "fixed") {
    if (!Number.isInteger(value) || value < 1) throw new CheckoutError(`fixed coupon ${code}: value must be positive cents`);
  } else {
    throw new CheckoutError(`coupon ${code}: unknown type ${type}`);
  }
  if (!Number.isInteger(minSubtotal) || minSubtotal < 0) throw new CheckoutError(`coupon ${code}: bad minSubtotal`);
  return Object.freeze({ code, type, value, minSubtotal, categories: categories ? [...categories] : null });
}

/** Whether a cart line counts towards the coupon. */
export function isEligible(coupon, line) {
  return coupon.categories === null || coupon.categories.includes(line.category);
}
