import { TodoError } from "./errors.js";

export class TodoStore {
  constructor(items = []) {
    this.items = items.map((item) => ({ ...item }));
  }

  add(text) {
    const clean = String(text).trim();
    if (clean === "") throw new TodoError("a todo needs some text");
    const todo = { id: this.items.length + 1, text: clean, done: false };
    this.items.push(todo);
    return { ...todo };
  }

  get(id) {
    const todo = this.items.find((item) => item.id === id);
    return todo ? { ...todo } : undefined;
  }

  setDone(id, done) {
    const todo = this.items.find((item) => item.id === id);
    if (todo) todo.done = done;
    return todo ? { ...todo } : undefined;
  }

  remove(id) {
    const index = this.items.findIndex((item) => item.id === id);
    if (index === -1) throw new TodoError(`no todo with id ${id}`);
    const [removed] = this.items.splice(index, 1);
    return removed;
  }

  list(filter = "open") {
    const keep = { open: (t) => !t.done, done: (t) => t.done, all: () => true }[filter];
    if (!keep) throw new TodoError(`unknown filter ${filter}`);
    return this.items.filter(keep).map((t) => ({ ...t })).sort((a, b) => a.id - b.id);
  }

  serialize() {
    return JSON.stringify({ items: this.items });
  }

  static load(text) {
    const data = JSON.parse(text);
    if (!data || !Array.isArray(data.items)) throw new TodoError("not a tasklist file");
    return new TodoStore(data.items);
  }
}
