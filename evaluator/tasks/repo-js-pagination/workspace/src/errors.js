export class PaginationError extends Error {
  constructor(message) {
    super(message);
    this.name = "PaginationError";
  }
}
