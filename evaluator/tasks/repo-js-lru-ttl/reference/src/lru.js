import { systemClock } from "./clock.js";

export class LRUCache {
  // Map iteration order is insertion order: the first key is the least recently used.
  // Each entry is { value, expiresAt } with expiresAt = Infinity when it never expires.
  #entries = new Map();
  #maxSize;
  #ttl;
  #clock;
  #stats = { hits: 0, misses: 0, evictions: 0 };

  constructor({ maxSize, ttl = Infinity, clock = systemClock } = {}) {
    if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError(`maxSize must be a positive integer, got ${maxSize}`);
    checkTtl(ttl);
    this.#maxSize = maxSize;
    this.#ttl = ttl;
    this.#clock = clock;
  }

  set(key, value, { ttl = this.#ttl } = {}) {
    checkTtl(ttl);
    const now = this.#clock.now();
    // Replacing an existing key never needs room.
    if (!this.#entries.delete(key) && this.#entries.size >= this.#maxSize) {
      this.#purge(now);
      if (this.#entries.size >= this.#maxSize) {
        const oldest = this.#entries.keys().next().value;
        this.#entries.delete(oldest);
        this.#stats.evictions++;
      }
    }
    this.#entries.set(key, { value, expiresAt: now + ttl });
    return this;
  }

  get(key) {
    const entry = this.#live(key);
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
    return this.#live(key)?.value;
  }

  has(key) {
    return this.#live(key) !== undefined;
  }

  delete(key) {
    const existed = this.#live(key) !== undefined;
    this.#entries.delete(key);
    return existed;
  }

  clear() {
    this.#entries.clear();
  }

  get size() {
    this.#purge(this.#clock.now());
    return this.#entries.size;
  }

  keys() {
    this.#purge(this.#clock.now());
    return [...this.#entries.keys()];
  }

  stats() {
    return { ...this.#stats };
  }

  /** The entry if present and not expired; expired entries are dropped on sight. */
  #live(key) {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#clock.now() >= entry.expiresAt) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Expired entries are removed silently: they do not count as evictions. */
  #purge(now) {
    for (const [key, entry] of this.#entries) {
      if (now >= entry.expiresAt) this.#entries.delete(key);
    }
  }
}

function checkTtl(ttl) {
  if (typeof ttl !== "number" || !(ttl > 0)) throw new RangeError(`ttl must be a positive number of milliseconds, got ${ttl}`);
}
