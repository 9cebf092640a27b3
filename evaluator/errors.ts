// The one error class of the evaluator: a task or suite that cannot be used, with a message that
// names the file or field at fault and what to do about it.
import { DgmError } from "../common/index.ts";

export class TaskError extends DgmError {}
