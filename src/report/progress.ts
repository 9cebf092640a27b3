// The progress plot of the DGM paper: best score so far, archive average, and the score along the
// best agent's lineage, against iteration (an agent's generation).

import type { AgentRow } from "../../archive/index.ts";
import { headlineScore } from "../../archive/index.ts";
import { buildForest } from "./lineage.ts";

export interface ProgressPoint {
  iteration: number;
  bestSoFar: number | null;
  archiveAverage: number | null;
  bestLineage: number | null;
  archiveSize: number;
}

export function progressSeries(agents: readonly AgentRow[], bestId?: string): ProgressPoint[] {
  const admitted = agents
    .filter((agent) => agent.status === "admitted")
    .map((agent) => ({ generation: agent.generation, score: headlineScore(agent) }))
    .sort((a, b) => a.generation - b.generation);
  const lastIteration = agents.reduce((max, agent) => Math.max(max, agent.generation), 0);
  const forest = buildForest(agents, bestId);
  const lineage = agents
    .filter((agent) => forest.bestPath.has(agent.id))
    .map((agent) => ({ generation: agent.generation, score: headlineScore(agent) ?? null }))
    .sort((a, b) => a.generation - b.generation);

  const points: ProgressPoint[] = [];
  let cursor = 0;
  let best: number | null = null;
  let sum = 0;
  let scored = 0;
  let lineageCursor = 0;
  let lineageScore: number | null = null;
  for (let iteration = 0; iteration <= lastIteration; iteration++) {
    while (cursor < admitted.length && admitted[cursor]!.generation <= iteration) {
      const { score } = admitted[cursor++]!;
      if (score !== undefined) {
        best = best === null ? score : Math.max(best, score);
        sum += score;
        scored++;
      }
    }
    while (lineageCursor < lineage.length && lineage[lineageCursor]!.generation <= iteration) {
      lineageScore = lineage[lineageCursor++]!.score;
    }
    points.push({
      iteration,
      bestSoFar: best,
      archiveAverage: scored ? sum / scored : null,
      bestLineage: lineageScore,
      archiveSize: cursor,
    });
  }
  return points;
}

const W = 640;
const H = 280;
const PAD = { left: 44, right: 180, top: 16, bottom: 36 };

const seriesStyle = [
  { key: "bestSoFar", label: "best so far", color: "#d93025", dash: "" },
  { key: "archiveAverage", label: "archive average", color: "#1a73e8", dash: "" },
  { key: "bestLineage", label: "best agent's lineage", color: "#188038", dash: "6 4" },
] as const;

export function renderProgressSvg(points: readonly ProgressPoint[]): string {
  const last = Math.max(1, points.at(-1)?.iteration ?? 0);
  const sx = (i: number): number => PAD.left + (i / last) * (W - PAD.left - PAD.right);
  const sy = (v: number): number => PAD.top + (1 - v) * (H - PAD.top - PAD.bottom);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="progress" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">`,
  ];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${sy(tick)}" y2="${sy(tick)}" stroke="#e0e0e0"/><text x="${PAD.left - 6}" y="${sy(tick) + 4}" font-size="11" text-anchor="end">${tick.toFixed(2)}</text>`,
    );
  }
  const step = Math.max(1, Math.ceil(last / 10));
  for (let i = 0; i <= last; i += step) {
    parts.push(
      `<text x="${sx(i).toFixed(1)}" y="${H - PAD.bottom + 16}" font-size="11" text-anchor="middle">${i}</text>`,
    );
  }
  parts.push(
    `<text x="${(PAD.left + W - PAD.right) / 2}" y="${H - 4}" font-size="12" text-anchor="middle">iteration</text>`,
  );
  seriesStyle.forEach((style, row) => {
    let d = "";
    let pen = false;
    for (const point of points) {
      const value = point[style.key];
      if (value === null) {
        pen = false;
        continue;
      }
      // Step shape: a score holds until the iteration that changes it.
      d += pen
        ? `H${sx(point.iteration).toFixed(1)}V${sy(value).toFixed(1)}`
        : `M${sx(point.iteration).toFixed(1)} ${sy(value).toFixed(1)}`;
      pen = true;
    }
    if (d)
      parts.push(
        `<path class="series-${style.key}" d="${d}" stroke="${style.color}" stroke-width="2.2" fill="none"${style.dash ? ` stroke-dasharray="${style.dash}"` : ""}/>`,
      );
    const ly = PAD.top + 10 + row * 20;
    parts.push(
      `<line x1="${W - PAD.right + 12}" x2="${W - PAD.right + 36}" y1="${ly}" y2="${ly}" stroke="${style.color}" stroke-width="2.2"${style.dash ? ` stroke-dasharray="${style.dash}"` : ""}/><text x="${W - PAD.right + 42}" y="${ly + 4}" font-size="11">${style.label}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}
