export class SemverError extends Error {
  constructor(message) {
    super(message);
    this.name = "SemverError";
  }
}
