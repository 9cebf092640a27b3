export const systemClock = { now: () => Date.now() };

/** A clock that only moves when told to. */
export function manualClock(start = 0) {
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError("advance needs a non-negative number");
      current += ms;
      return current;
    },
  };
}
