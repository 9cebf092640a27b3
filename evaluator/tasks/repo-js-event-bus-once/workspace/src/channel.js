/**
 * A view of an emitter whose events are prefixed with `<name>:`.
 * Listeners registered through the channel only see the channel's events.
 */
export function createChannel(emitter, name) {
  if (!name || name.includes(":")) throw new TypeError("channel name must be non-empty and contain no ':'");
  const full = (event) => `${name}:${event}`;
  return {
    name,
    on: (event, listener) => emitter.on(full(event), listener),
    once: (event, listener) => emitter.once(full(event), listener),
    off: (event, listener) => emitter.off(full(event), listener),
    emit: (event, ...args) => emitter.emit(full(event), ...args),
    listenerCount: (event) => emitter.listenerCount(full(event)),
  };
}
