export class LRUCache {
  constructor(capacity, options = {}) {
    throw new Error("not implemented");
  }
}
