// The one error class of the sandbox room: its message says what went wrong and how to fix it.
import { DgmError } from "../common/index.ts";

export class SandboxError extends DgmError {}
