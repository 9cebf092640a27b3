export class TodoError extends Error {
  constructor(message) {
    super(message);
    this.name = "TodoError";
  }
}
