// Work done once per engine and key (copying an image or a tree there): concurrent callers share the
// one promise; a failure is forgotten, so that the next session tries again instead of failing too.
import type { Engine } from "./engine.ts";

export function oncePerEngine<T>(): (engine: Engine, key: string, work: () => Promise<T>) => Promise<T> {
  const done = new WeakMap<Engine, Map<string, Promise<T>>>();
  return (engine, key, work) => {
    let byKey = done.get(engine);
    if (!byKey) {
      byKey = new Map();
      done.set(engine, byKey);
    }
    let pending = byKey.get(key);
    if (!pending) {
      const started = work();
      started.catch(() => byKey.delete(key));
      byKey.set(key, started);
      pending = started;
    }
    return pending;
  };
}
