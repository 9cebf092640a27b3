import assert from "node:assert/strict";
import { test } from "node:test";
import { Cart, Catalog, computeTotals } from "../src/index.js";

test("subtotal without coupon or tax", () => {
  const catalog = new Catalog([{ sku: "A", name: "A", price: 250, category: "x" }]);
  const t = computeTotals(new Cart().add("A", 3), catalog);
  assert.equal(t.subtotal, 750);
  assert.equal(t.total, 750);
});
