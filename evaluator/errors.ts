// The one error class of the evaluator: a task or suite that cannot be used, with a message that
// names the file or field at fault and what to do about it.
export class TaskError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TaskError";
  }
}
