import { CheckoutError } from "./errors.js";

export class Catalog {
  #products = new Map();

  constructor(products = []) {
    for (const product of products) {
      if (!Number.isInteger(product.price) || product.price < 0) {
        throw new CheckoutError(`price of ${product.sku} must be a non-negative integer of cents`);
      }
      this.#products.set(product.sku, { ...product });
    }
  }

  get(sku) {
    const product = this.#products.get(sku);
    if (!product) throw new CheckoutError(`unknown SKU ${sku}`);
    return { ...product };
  }
}
