// Gateway failures as the agent sees them: an HTTP status and an OpenAI-style error body whose
// message says what happened in words an agent (or a person reading its trajectory) can act on.
export type GatewayErrorType = "limit_reached" | "budget_exhausted" | "upstream_error" | "invalid_request_error";

export class GatewayError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly type: GatewayErrorType,
    readonly code: string,
    /** A repeat fails the same way: clients are told not to retry (limits, budgets, a refused key). */
    readonly final = status === 429,
  ) {
    super(message);
    this.name = "GatewayError";
  }

  toBody(): { error: { message: string; type: string; code: string; param: null } } {
    return { error: { message: this.message, type: this.type, code: this.code, param: null } };
  }
}
