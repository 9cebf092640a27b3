const WILDCARD = "*";

/**
 * Each registration is its own record, so the same function can be registered twice and
 * `off`/unsubscribe remove exactly one registration, whether made with `on` or `once`.
 */
export class Emitter {
  #listeners = new Map();

  on(event, listener) {
    return this.#add(event, listener, false);
  }

  once(event, listener) {
    return this.#add(event, listener, true);
  }

  off(event, listener) {
    const list = this.#listeners.get(event);
    const record = list?.find((r) => r.listener === listener);
    if (!record) return false;
    this.#remove(event, record);
    return true;
  }

  emit(event, ...args) {
    let called = false;
    // Snapshot: listeners added during this emit wait for the next one; listeners removed
    // during it (and not yet called) are skipped.
    for (const record of [...(this.#listeners.get(event) ?? [])]) {
      if (!this.#invoke(event, record, args)) continue;
      called = true;
    }
    if (event !== WILDCARD) {
      for (const record of [...(this.#listeners.get(WILDCARD) ?? [])]) {
        if (!this.#invoke(WILDCARD, record, [event, ...args])) continue;
        called = true;
      }
    }
    return called;
  }

  listenerCount(event) {
    return this.#listeners.get(event)?.length ?? 0;
  }

  removeAll(event) {
    const events = event === undefined ? [...this.#listeners.keys()] : [event];
    for (const name of events) {
      for (const record of this.#listeners.get(name) ?? []) record.removed = true;
      this.#listeners.delete(name);
    }
  }

  #add(event, listener, once) {
    assertListener(listener);
    const record = { listener, once, removed: false };
    if (!this.#listeners.has(event)) this.#listeners.set(event, []);
    this.#listeners.get(event).push(record);
    return () => {
      if (!record.removed) this.#remove(event, record);
    };
  }

  #remove(event, record) {
    record.removed = true;
    const list = this.#listeners.get(event);
    if (!list) return;
    const index = list.indexOf(record);
    if (index !== -1) list.splice(index, 1);
    if (list.length === 0) this.#listeners.delete(event);
  }

  #invoke(event, record, args) {
    if (record.removed) return false;
    // A once listener is removed before it runs, so re-entrant emits cannot call it again.
    if (record.once) this.#remove(event, record);
    record.listener.apply(this, args);
    return true;
  }
}

function assertListener(listener) {
  if (typeof listener !== "function") {
    throw new TypeError(`listener must be a function, got ${typeof listener}`);
  }
}
