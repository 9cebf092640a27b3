/**
 * Resolve with the argument list of the next `event`. With `signal`, an abort rejects with
 * the signal's reason and unregisters the listener.
 */
export function waitFor(emitter, event, { signal } = {}) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onEvent = (...args) => {
      signal?.removeEventListener("abort", onAbort);
      resolve(args);
    };
    const onAbort = () => {
      emitter.off(event, onEvent);
      reject(signal.reason);
    };
    emitter.once(event, onEvent);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
