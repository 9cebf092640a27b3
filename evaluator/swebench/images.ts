// Which environment tasks have their image on this machine: what `dgm tasks check` reports before
// it grades anything, so a user sees at once which images still need a pull (or a `docker load`).
import { imageExists } from "../../sandbox/index.ts";
import type { Task } from "../task-types.ts";

export interface EnvironmentImage {
  taskId: string;
  image: string;
  present: boolean;
}

/** One row per environment task (tasks without an environment are left out), in the tasks' order. */
export async function environmentImages(tasks: readonly Task[]): Promise<EnvironmentImage[]> {
  const rows: EnvironmentImage[] = [];
  const known = new Map<string, boolean>();
  for (const task of tasks) {
    const image = task.environment?.image;
    if (!image) continue;
    let present = known.get(image);
    if (present === undefined) {
      present = await imageExists(image);
      known.set(image, present);
    }
    rows.push({ taskId: task.qualifiedId, image, present });
  }
  return rows;
}
