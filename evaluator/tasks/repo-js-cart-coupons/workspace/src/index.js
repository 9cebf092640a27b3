export { Cart } from "./cart.js";
export { Catalog } from "./catalog.js";
export { createCoupon, isEligible } from "./coupons.js";
export { CheckoutError } from "./errors.js";
export { formatCents, roundDiv } from "./money.js";
export { formatReceipt } from "./receipt.js";
export { computeTotals } from "./totals.js";
