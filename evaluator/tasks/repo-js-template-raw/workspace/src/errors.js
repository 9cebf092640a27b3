export class TemplateError extends Error {
  constructor(message, offset) {
    super(`${message} at offset ${offset}`);
    this.name = "TemplateError";
    this.offset = offset;
  }
}
