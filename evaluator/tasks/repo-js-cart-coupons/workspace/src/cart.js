import { CheckoutError } from "./errors.js";

export class Cart {
  #lines = new Map();

  add(sku, qty = 1) {
    checkQty(qty, 1);
    this.#lines.set(sku, (this.#lines.get(sku) ?? 0) + qty);
    return this;
  }

  setQty(sku, qty) {
    checkQty(qty, 0);
    if (qty === 0) this.#lines.delete(sku);
    else this.#lines.set(sku, qty);
    return this;
  }

  remove(sku) {
    this.#lines.delete(sku);
    return this;
  }

  items() {
    return [...this.#lines].map(([sku, qty]) => ({ sku, qty }));
  }
}

function checkQty(qty, min) {
  if (!Number.isInteger(qty) || qty < min) throw new CheckoutError(`invalid quantity ${qty}`);
}
