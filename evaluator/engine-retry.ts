// Work that met a lost engine (EngineLostError: the engine stopped answering, not the agent failing)
// is run again; the pool no longer places sessions on that engine, so the next try goes elsewhere.
import { EngineLostError } from "../sandbox/index.ts";

/** Tries in all before an engine loss stands as the work's error. */
export const ENGINE_ATTEMPTS = 3;

/** Runs `work`, again after an EngineLostError (up to ENGINE_ATTEMPTS tries in all); `onLost` hears each loss retried. */
export async function retryOnLostEngine<T>(
  work: () => Promise<T>,
  onLost: (error: EngineLostError, attempt: number) => void = () => {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof EngineLostError) || attempt >= ENGINE_ATTEMPTS) throw error;
      onLost(error, attempt);
    }
  }
}
