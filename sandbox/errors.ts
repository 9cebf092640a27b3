// The one error class of the sandbox room: its message says what went wrong and how to fix it.
export class SandboxError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SandboxError";
  }
}
