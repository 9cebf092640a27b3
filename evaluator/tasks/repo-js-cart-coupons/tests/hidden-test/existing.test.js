import assert from "node:assert/strict";
import { test } from "node:test";
import { Cart, Catalog, CheckoutError, computeTotals, createCoupon, formatCents, formatReceipt, roundDiv } from "../src/index.js";

const catalog = new Catalog([
  { sku: "BOOK", name: "Book", price: 1200, category: "books" },
  { sku: "MUG", name: "Mug", price: 800, category: "kitchen" },
]);

test("cart operations", () => {
  const cart = new Cart().add("BOOK").add("MUG", 2).add("BOOK", 2);
  assert.deepEqual(cart.items(), [{ sku: "BOOK", qty: 3 }, { sku: "MUG", qty: 2 }]);
  cart.setQty("MUG", 0);
  assert.deepEqual(cart.items(), [{ sku: "BOOK", qty: 3 }]);
  cart.setQty("MUG", 4).remove("BOOK");
  assert.deepEqual(cart.items(), [{ sku: "MUG", qty: 4 }]);
  assert.throws(() => cart.add("X", 0), CheckoutError);
  assert.throws(() => cart.setQty("X", 1.5), CheckoutError);
});

test("totals without coupons and lines", () => {
  const t = computeTotals(new Cart().add("BOOK").add("MUG", 2), catalog);
  assert.deepEqual(t.lines[1], { sku: "MUG", name: "Mug", qty: 2, unitPrice: 800, lineTotal: 1600, category: "kitchen" });
  assert.equal(t.subtotal, 2800);
  assert.equal(t.discount, 0);
  assert.equal(t.tax, 0);
  assert.equal(t.total, 2800);
  assert.equal(t.couponApplied, false);
  assert.deepEqual(computeTotals(new Cart(), catalog).total, 0);
  assert.throws(() => computeTotals(new Cart().add("NOPE"), catalog), /unknown SKU NOPE/);
});

test("exact coupons and category limits", () => {
  const c25 = createCoupon({ code: "Q", type: "percent", value: 25 });
  const t = computeTotals(new Cart().add("BOOK").add("MUG"), catalog, { coupon: c25 });
  assert.equal(t.discount, 500);
  assert.equal(t.total, 1500);
  assert.equal(t.couponApplied, true);
  const books = createCoupon({ code: "B", type: "percent", value: 50, categories: ["books"] });
  assert.equal(computeTotals(new Cart().add("BOOK").add("MUG"), catalog, { coupon: books }).discount, 600);
  const fixed = createCoupon({ code: "F", type: "fixed", value: 300 });
  assert.equal(computeTotals(new Cart().add("MUG"), catalog, { coupon: fixed }).total, 500);
});

test("coupon validation", () => {
  assert.throws(() => createCoupon({ code: "", type: "fixed", value: 1 }), CheckoutError);
  assert.throws(() => createCoupon({ code: "X", type: "percent", value: 101 }), CheckoutError);
  assert.throws(() => createCoupon({ code: "X", type: "fixed", value: 0 }), CheckoutError);
  assert.throws(() => createCoupon({ code: "X", type: "bogo", value: 1 }), CheckoutError);
  assert.throws(() => createCoupon({ code: "X", type: "fixed", value: 5, minSubtotal: -1 }), CheckoutError);
  assert.ok(Object.isFrozen(createCoupon({ code: "X", type: "fixed", value: 5 })));
});

test("money helpers and receipt", () => {
  assert.equal(formatCents(123456), "$1234.56");
  assert.equal(formatCents(5), "$0.05");
  assert.equal(formatCents(-100), "-$1.00");
  assert.equal(roundDiv(5, 10), 1);
  assert.equal(roundDiv(14, 10), 1);
  assert.equal(roundDiv(15, 10), 2);
  const c = createCoupon({ code: "F", type: "fixed", value: 200 });
  const t = computeTotals(new Cart().add("MUG"), catalog, { coupon: c });
  assert.equal(formatReceipt(t), "1 x Mug @ $8.00 = $8.00\nSubtotal: $8.00\nDiscount: -$2.00\nTotal: $6.00");
});
