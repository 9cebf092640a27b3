// The archive's one error class: every message says what is wrong and what to do about it.
import { DgmError } from "../common/index.ts";

export class ArchiveError extends DgmError {}
