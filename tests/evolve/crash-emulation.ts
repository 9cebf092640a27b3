// SIGKILL, emulated in process: at a chosen service call (before it runs, or after it ran but before
// it returns) the archive is closed at once, so nothing after that moment lands, and every pending and
// future service and agent-store call never settles, so the old loop freezes where it stood. A test then
// reopens the archive and resumes the run with fresh services and a new loop, as `dgm evolve --resume`.
import type { SqliteArchive } from "../../archive/index.ts";
import type { EvolveServices } from "../../src/evolve/services.ts";

export type CrashCall = "gate" | "evaluate" | "evaluateTask" | "diagnose" | "selfModify" | "commitChild";

export interface CrashPoint {
  call: CrashCall;
  /** 1 for the first call of that name in this process, 2 for the second, … */
  occurrence: number;
  when: "before" | "after";
}

export interface Crash {
  wrap(services: EvolveServices): EvolveServices;
  /** Resolves at the moment of the crash. */
  crashed: Promise<void>;
  /**
   * Resolves when the work that was running at the crash is over (git processes spawned before it,
   * service calls that fail on the closed archive), so none of it touches the home during the resume.
   */
  quiet(): Promise<void>;
}

type AsyncFn = (...args: never[]) => Promise<unknown>;

const never = new Promise<never>(() => {});

export function crashAt(archive: SqliteArchive, point: CrashPoint): Crash {
  let dead = false;
  let signalCrash = () => {};
  const crashed = new Promise<void>((resolve) => {
    signalCrash = resolve;
  });
  const running = new Set<Promise<unknown>>();
  const counts = new Map<string, number>();

  const die = () => {
    if (dead) return;
    dead = true;
    archive.close();
    signalCrash();
  };

  function guard<F extends AsyncFn>(name: string, call: F): F {
    const guarded = (...args: Parameters<F>): Promise<unknown> => {
      if (dead) return never;
      const occurrence = (counts.get(name) ?? 0) + 1;
      counts.set(name, occurrence);
      const hit = name === point.call && occurrence === point.occurrence;
      if (hit && point.when === "before") {
        die();
        return never;
      }
      const work = call(...args);
      running.add(work);
      const forget = () => running.delete(work);
      return work.then(
        (value) => {
          forget();
          if (hit) die();
          return dead ? never : value;
        },
        (error: unknown) => {
          forget();
          if (hit) die();
          return dead ? never : Promise.reject(error);
        },
      );
    };
    return guarded as F;
  }

  // The store's methods the loop calls are replaced on this archive's own instance, which dies with the
  // crash. (Calls the store makes of itself inside one of them, like commitChild's update-ref, go on:
  // git processes already under way finish after a SIGKILL too.)
  const { store } = archive;
  store.commitChild = guard("commitChild", store.commitChild.bind(store));
  store.checkout = guard("checkout", store.checkout.bind(store));
  store.importDir = guard("importDir", store.importDir.bind(store));
  store.sweepOrphans = guard("sweepOrphans", store.sweepOrphans.bind(store));

  return {
    crashed,
    wrap: (services) => ({
      ...services,
      diagnose: guard("diagnose", services.diagnose),
      selfModify: guard("selfModify", services.selfModify),
      gate: guard("gate", services.gate),
      evaluate: guard("evaluate", services.evaluate),
      // HGM's one-task evaluations (and finalists'): a crash between two of them is its commonest.
      evaluateTask: guard("evaluateTask", services.evaluateTask),
      pruneContainers: guard("pruneContainers", services.pruneContainers),
    }),
    async quiet() {
      // A service call still running may be waiting on a store call that will never settle: give up
      // on those after a while; git processes spawned before the crash always end.
      const deadline = Date.now() + 5_000;
      while (running.size > 0 && Date.now() < deadline) {
        await Promise.race([Promise.allSettled([...running]), new Promise((resolve) => setTimeout(resolve, 100))]);
      }
    },
  };
}
