// What a command was asked that cannot be done as asked (a workspace that is not a directory, an agent
// that fails the gate, a branch that exists already). The message says what and the fix how.
import { DgmError } from "../../common/index.ts";

export class CommandError extends DgmError {}
