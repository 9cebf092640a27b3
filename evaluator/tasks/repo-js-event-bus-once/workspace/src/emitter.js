const WILDCARD = "*";

export class Emitter {
  #listeners = new Map();

  on(event, listener) {
    assertListener(listener);
    if (!this.#listeners.has(event)) this.#listeners.set(event, []);
    this.#listeners.get(event).push(listener);
    return () => this.off(event, listener);
  }

  once(event, listener) {
    assertListener(listener);
    const wrapper = (...args) => {
      listener.apply(this, args);
      this.off(event, wrapper);
    };
    return this.on(event, wrapper);
  }

  off(event, listener) {
    const list = this.#listeners.get(event);
    if (!list) return false;
    const index = list.indexOf(listener);
    if (index === -1) return false;
    list.splice(index, 1);
    if (list.length === 0) this.#listeners.delete(event);
    return true;
  }

  emit(event, ...args) {
    let called = false;
    const list = this.#listeners.get(event) ?? [];
    for (let i = 0; i < list.length; i++) {
      list[i].apply(this, args);
      called = true;
    }
    if (event !== WILDCARD) {
      const any = this.#listeners.get(WILDCARD) ?? [];
      for (let i = 0; i < any.length; i++) {
        any[i].call(this, event, ...args);
        called = true;
      }
    }
    return called;
  }

  listenerCount(event) {
    return this.#listeners.get(event)?.length ?? 0;
  }

  removeAll(event) {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
  }
}

function assertListener(listener) {
  if (typeof listener !== "function") {
    throw new TypeError(`listener must be a function, got ${typeof listener}`);
  }
}
