// How a provider says a call failed, in one class the gateway, retries and failure classification share.
import { DgmError } from "../../common/index.ts";

/**
 * A provider failure the gateway may retry (429, 5xx, timeouts) or not. The message is one line in
 * the server's own words ("401 Incorrect API key provided …"), never holding the key; `where` says
 * which model at which endpoint, and `code` is the server's error code when it sent one.
 */
export class ProviderError extends DgmError {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
    readonly detail: { code?: string; where?: string; timedOut?: boolean; unreachable?: boolean } = {},
  ) {
    super(message);
  }
}
