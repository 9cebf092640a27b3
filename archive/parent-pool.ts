// Parent selection in O(log n) for large archives: weights kept in a Fenwick tree and updated as agents are
// admitted, instead of recomputing every candidate's weight per draw. Same formulas as selection.ts.
import { ArchiveError } from "./errors.ts";
import type { Rng } from "./random.ts";
import { headlineScore, sigmoid } from "./selection.ts";
import type { AgentRow } from "./types.ts";

export type PoolStrategy = "score_child_prop" | "score_prop" | "random";

export class ParentPool {
  private ids: string[] = [];
  private index = new Map<string, number>();
  private scores: number[] = [];
  private children: number[] = [];
  private weights: number[] = [];
  private tree: number[] = [0]; // 1-based Fenwick tree over weights

  constructor(
    readonly strategy: PoolStrategy,
    candidates: readonly AgentRow[] = [],
    admittedChildren: ReadonlyMap<string, number> = new Map(),
  ) {
    for (const agent of candidates) this.add(agent, admittedChildren.get(agent.id) ?? 0);
  }

  get size(): number {
    return this.ids.length;
  }

  /** A newly admitted, scored agent becomes a candidate. */
  add(agent: Pick<AgentRow, "id" | "scores">, admittedChildren = 0): void {
    if (this.index.has(agent.id)) return;
    const position = this.ids.length;
    this.ids.push(agent.id);
    this.index.set(agent.id, position);
    this.scores.push(headlineScore(agent) ?? 0);
    this.children.push(admittedChildren);
    this.weights.push(0);
    // Grow the Fenwick tree by one node: its value is the sum of the range it covers.
    const node = position + 1;
    let sum = 0;
    const lowest = node & -node;
    for (let covered = node - 1; covered > node - lowest; covered -= covered & -covered) sum += this.tree[covered] ?? 0;
    this.tree.push(sum);
    this.setWeight(position, this.weightOf(position));
  }

  /** Call when `parentId` gets another admitted child (lowers its score_child_prop weight). */
  childAdmitted(parentId: string): void {
    const position = this.index.get(parentId);
    if (position === undefined) return;
    this.children[position] = (this.children[position] ?? 0) + 1;
    this.setWeight(position, this.weightOf(position));
  }

  /** One parent id, drawn in proportion to the strategy's weights. */
  sample(rng: Rng): string {
    if (this.ids.length === 0) {
      throw new ArchiveError("No admitted agent with a score to select a parent from; evaluate the seed agent first.");
    }
    let target = rng() * this.total();
    let position = 0;
    for (let step = 2 ** Math.floor(Math.log2(this.ids.length)); step > 0; step >>= 1) {
      const next = position + step;
      if (next <= this.ids.length && (this.tree[next] ?? 0) <= target) {
        position = next;
        target -= this.tree[next] ?? 0;
      }
    }
    return this.ids[Math.min(position, this.ids.length - 1)]!;
  }

  private weightOf(position: number): number {
    if (this.strategy === "random") return 1;
    const quality = sigmoid(10 * ((this.scores[position] ?? 0) - 0.5));
    return this.strategy === "score_prop" ? quality : quality / (1 + (this.children[position] ?? 0));
  }

  private setWeight(position: number, weight: number): void {
    const delta = weight - (this.weights[position] ?? 0);
    this.weights[position] = weight;
    for (let node = position + 1; node < this.tree.length; node += node & -node) {
      this.tree[node] = (this.tree[node] ?? 0) + delta;
    }
  }

  private total(): number {
    let sum = 0;
    for (let node = this.ids.length; node > 0; node -= node & -node) sum += this.tree[node] ?? 0;
    return sum;
  }
}
