export class CycleError extends Error {
  constructor(cycle) {
    super(`dependency cycle: ${[...cycle, cycle[0]].join(" -> ")}`);
    this.name = "CycleError";
    this.cycle = cycle;
  }
}

/** A binary min-heap of strings, so picking the smallest ready node is O(log n). */
class MinHeap {
  items = [];
  push(x) {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= a[i]) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop() {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
  get size() {
    return this.items.length;
  }
}

function findCycle(deps, remaining) {
  // Walk dependency edges among the remaining nodes (each has one): we must revisit a node.
  const start = [...remaining].sort()[0];
  const position = new Map();
  const path = [];
  let node = start;
  while (!position.has(node)) {
    position.set(node, path.length);
    path.push(node);
    node = [...deps.get(node)].find((d) => remaining.has(d));
  }
  return path.slice(position.get(node));
}

export function topoSort(graph) {
  if (typeof graph !== "object" || graph === null) throw new TypeError("graph must be an object");
  const deps = new Map();
  const dependents = new Map();
  const ensure = (n) => {
    if (!deps.has(n)) {
      deps.set(n, new Set());
      dependents.set(n, []);
    }
  };
  for (const [node, list] of Object.entries(graph)) {
    if (!Array.isArray(list) || list.some((d) => typeof d !== "string")) {
      throw new TypeError(`dependencies of ${node} must be an array of strings`);
    }
    ensure(node);
    for (const d of list) {
      ensure(d);
      if (!deps.get(node).has(d)) {
        deps.get(node).add(d);
        dependents.get(d).push(node);
      }
    }
  }
  const waiting = new Map();
  const ready = new MinHeap();
  for (const [node, set] of deps) {
    waiting.set(node, set.size);
    if (set.size === 0) ready.push(node);
  }
  const order = [];
  while (ready.size > 0) {
    const node = ready.pop();
    order.push(node);
    for (const next of dependents.get(node)) {
      const left = waiting.get(next) - 1;
      waiting.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  if (order.length < deps.size) {
    const done = new Set(order);
    const remaining = new Set([...deps.keys()].filter((n) => !done.has(n)));
    throw new CycleError(findCycle(deps, remaining));
  }
  return order;
}
