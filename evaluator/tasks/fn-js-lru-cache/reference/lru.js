// A Map from key to list node plus a doubly linked list ordered from most to least recent.
// (Evicting through a Map's iterator is not O(1) in V8: deleted slots are skipped one by one.)
export class LRUCache {
  #capacity;
  #onEvict;
  #nodes = new Map();
  #head = null; // most recently used
  #tail = null; // least recently used

  constructor(capacity, options = {}) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("capacity must be a positive integer");
    this.#capacity = capacity;
    this.#onEvict = options.onEvict;
  }

  get size() {
    return this.#nodes.size;
  }

  #unlink(node) {
    if (node.prev) node.prev.next = node.next;
    else this.#head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.#tail = node.prev;
    node.prev = null;
    node.next = null;
  }

  #pushFront(node) {
    node.next = this.#head;
    node.prev = null;
    if (this.#head) this.#head.prev = node;
    this.#head = node;
    if (!this.#tail) this.#tail = node;
  }

  get(key) {
    const node = this.#nodes.get(key);
    if (!node) return undefined;
    this.#unlink(node);
    this.#pushFront(node);
    return node.value;
  }

  peek(key) {
    return this.#nodes.get(key)?.value;
  }

  has(key) {
    return this.#nodes.has(key);
  }

  set(key, value) {
    const existing = this.#nodes.get(key);
    if (existing) {
      existing.value = value;
      this.#unlink(existing);
      this.#pushFront(existing);
      return this;
    }
    const node = { key, value, prev: null, next: null };
    this.#nodes.set(key, node);
    this.#pushFront(node);
    if (this.#nodes.size > this.#capacity) {
      const oldest = this.#tail;
      this.#unlink(oldest);
      this.#nodes.delete(oldest.key);
      this.#onEvict?.(oldest.key, oldest.value);
    }
    return this;
  }

  delete(key) {
    const node = this.#nodes.get(key);
    if (!node) return false;
    this.#unlink(node);
    this.#nodes.delete(key);
    return true;
  }

  clear() {
    this.#nodes.clear();
    this.#head = null;
    this.#tail = null;
  }

  keys() {
    return this.entries().map(([key]) => key);
  }

  entries() {
    const out = [];
    for (let node = this.#head; node; node = node.next) out.push([node.key, node.value]);
    return out;
  }
}
