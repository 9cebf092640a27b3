import { systemClock } from "./clock.js";

export class LRUCache {
  // Map iteration order is insertion order: the first key is the least recently used.
  #entries = new Map();
  #maxSize;
  #clock;
  #stats = { hits: 0, misses: 0, evictions: 0 };

  constructor({ maxSize, clock = systemClock } = {}) {
    if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError(`maxSize must be a positive integer, got ${maxSize}`);
    this.#maxSize = maxSize;
    this.#clock = clock;
  }

  set(key, value) {
    if (this.#entries.size >= this.#maxSize) {
      const oldest = this.#entries.keys().next().value;
      this.#entries.delete(oldest);
      this.#stats.evictions++;
    }
    this.#entries.delete(key);
    this.#entries.set(key, { value });
    return this;
  }

  get(key) {
    const entry = this.#entries.get(key);
    if (entry === undefined) {
      this.#stats.misses++;
      return undefined;
    }
    this.#stats.hits++;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  peek(key) {
    return this.#entries.get(key)?.value;
  }

  has(key) {
    return this.#entries.has(key);
  }

  delete(key) {
    return this.#entries.delete(key);
  }

  clear() {
    this.#entries.clear();
  }

  get size() {
    return this.#entries.size;
  }

  keys() {
    return [...this.#entries.keys()];
  }

  stats() {
    return { ...this.#stats };
  }
}
