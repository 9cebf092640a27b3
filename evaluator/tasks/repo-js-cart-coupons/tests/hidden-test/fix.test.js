import assert from "node:assert/strict";
import { test } from "node:test";
import { Cart, Catalog, computeTotals, createCoupon, formatReceipt } from "../src/index.js";

const catalog = new Catalog([
  { sku: "PEN", name: "Pen", price: 199, category: "office" },
  { sku: "BOOK", name: "Book", price: 1299, category: "books" },
  { sku: "MUG", name: "Mug", price: 850, category: "kitchen" },
  { sku: "GUM", name: "Gum", price: 5, category: "food" },
]);
const pick = (t) => ({ subtotal: t.subtotal, discount: t.discount, tax: t.tax, total: t.total, couponApplied: t.couponApplied });

test("percent discount is rounded once on the eligible subtotal, half up", () => {
  const c15 = createCoupon({ code: "P15", type: "percent", value: 15 });
  // 3 pens: 597 * 15% = 89.55 -> 90 (per-line floor would give 89)
  assert.equal(computeTotals(new Cart().add("PEN", 3), catalog, { coupon: c15 }).discount, 90);
  // 199*15% = 29.85 and 850*15% = 127.5; floor per line = 29 + 127 = 156; correct = round(157.35) = 157
  assert.deepEqual(pick(computeTotals(new Cart().add("PEN").add("MUG"), catalog, { coupon: c15 })), {
    subtotal: 1049, discount: 157, tax: 0, total: 892, couponApplied: true,
  });
  const c10 = createCoupon({ code: "P10", type: "percent", value: 10 });
  // 5 * 10% = 0.5 -> 1
  assert.equal(computeTotals(new Cart().add("GUM"), catalog, { coupon: c10 }).discount, 1);
});

test("minimum subtotal is enforced on the whole cart before discount", () => {
  const big = createCoupon({ code: "BIG", type: "fixed", value: 500, minSubtotal: 2000 });
  const small = computeTotals(new Cart().add("BOOK"), catalog, { coupon: big });
  assert.deepEqual(pick(small), { subtotal: 1299, discount: 0, tax: 0, total: 1299, couponApplied: false });
  const exact = computeTotals(new Cart().add("BOOK").add("PEN", 3).add("GUM", 28), catalog, { coupon: big });
  assert.equal(exact.subtotal, 2036);
  assert.equal(exact.discount, 500);
  assert.equal(exact.couponApplied, true);
  const atMin = createCoupon({ code: "AT", type: "percent", value: 50, minSubtotal: 1299 });
  assert.equal(computeTotals(new Cart().add("BOOK"), catalog, { coupon: atMin }).discount, 650);
});

test("fixed discount never exceeds the eligible subtotal", () => {
  const tenner = createCoupon({ code: "TEN", type: "fixed", value: 1000 });
  assert.deepEqual(pick(computeTotals(new Cart().add("PEN", 2), catalog, { coupon: tenner })), {
    subtotal: 398, discount: 398, tax: 0, total: 0, couponApplied: true,
  });
  const books = createCoupon({ code: "B", type: "fixed", value: 2000, categories: ["books"] });
  assert.deepEqual(pick(computeTotals(new Cart().add("BOOK").add("MUG"), catalog, { coupon: books })), {
    subtotal: 2149, discount: 1299, tax: 0, total: 850, couponApplied: true,
  });
});

test("a coupon with no eligible lines is not applied", () => {
  const books = createCoupon({ code: "B5", type: "fixed", value: 500, categories: ["books"] });
  const t = computeTotals(new Cart().add("MUG"), catalog, { coupon: books });
  assert.deepEqual(pick(t), { subtotal: 850, discount: 0, tax: 0, total: 850, couponApplied: false });
  assert.equal(formatReceipt(t), "1 x Mug @ $8.50 = $8.50\nSubtotal: $8.50\nTotal: $8.50");
});

test("tax is charged after the discount and rounded half up", () => {
  const c10 = createCoupon({ code: "P10", type: "percent", value: 10 });
  // subtotal 2598, discount 260, taxable 2338 * 8.25% = 192.885 -> 193
  assert.deepEqual(pick(computeTotals(new Cart().add("BOOK", 2), catalog, { coupon: c10, taxBps: 825 })), {
    subtotal: 2598, discount: 260, tax: 193, total: 2531, couponApplied: true,
  });
  // no coupon: 850 * 5% = 42.5 -> 43
  assert.equal(computeTotals(new Cart().add("MUG"), catalog, { taxBps: 500 }).tax, 43);
  // 199 * 8.25% = 16.4175 -> 16
  assert.equal(computeTotals(new Cart().add("PEN"), catalog, { taxBps: 825 }).tax, 16);
});

test("receipt shows the corrected figures", () => {
  const c = createCoupon({ code: "READ10", type: "percent", value: 10, categories: ["books"] });
  const t = computeTotals(new Cart().add("BOOK", 2).add("MUG"), catalog, { coupon: c, taxBps: 825 });
  assert.equal(
    formatReceipt(t),
    [
      "2 x Book @ $12.99 = $25.98",
      "1 x Mug @ $8.50 = $8.50",
      "Subtotal: $34.48",
      "Discount: -$2.60",
      "Tax: $2.63",
      "Total: $34.51",
    ].join("\n"),
  );
});
