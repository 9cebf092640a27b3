/** Errors with the HTTP status the router answers with. */
export class RouterError extends Error {
  constructor(message, status = 500) {
    super(message);
    this.name = "RouterError";
    this.status = status;
  }
}
