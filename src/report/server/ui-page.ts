// The web UI: one HTML page with inline CSS and JavaScript (works without network access), talking to
// the JSON endpoints in api.ts. All archive text is inserted with textContent, never as HTML, except
// the tree SVG the server renders with escaped content.
import { panZoomScript } from "../pan-zoom.ts";
import { baseCss } from "../styles.ts";

const uiCss = `
body { max-width: none; display: grid; grid-template-columns: 260px 1fr; gap: 16px; }
#runs { font-size: 13px; } #runs button { display: block; width: 100%; text-align: left; margin: 2px 0; padding: 6px; border: 1px solid #dadce0; background: #fff; border-radius: 4px; cursor: pointer; }
#runs button.active { border-color: #1a73e8; background: #e8f0fe; }
#runs small { color: #5f6368; display: block; }
#detail { margin-top: 12px; } #detail h3 { font-size: 15px; margin: 16px 0 4px; }
.live { font-size: 12px; color: #188038; } .live.off { color: #5f6368; }
button.link { background: none; border: none; color: #1a73e8; cursor: pointer; padding: 0; font-size: 12px; }
`;

const uiScript = String.raw`
const $ = (selector) => document.querySelector(selector);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.append(child);
  return node;
};
const getJson = async (path) => { const res = await fetch(path); if (!res.ok) throw new Error(path + ": " + res.status); return res.json(); };
const fmtScore = (s) => (s === null || s === undefined ? "—" : s.toFixed(2));
const fmtUsd = (u) => (u === null || u === undefined ? "unknown" : "$" + u.toFixed(4));
// "≈": some of the calls behind the cost had no usage from the server, so it is partly estimated.
const fmtCost = (u, estimated) => (estimated && u !== null && u !== undefined ? "≈" : "") + fmtUsd(u);
let current = { runId: null, lastEventId: 0, selected: null, panZoom: null, timer: null };

async function loadRuns() {
  const runs = await getJson("/api/runs");
  const box = $("#runs-list");
  box.replaceChildren();
  if (runs.length === 0) box.append(el("p", { className: "empty", textContent: "No runs in this archive yet. Start one with dgm evolve." }));
  for (const run of runs) {
    const button = el("button", { textContent: run.id }, el("small", { textContent: (run.kind === "evolve" ? "" : run.kind + " · ") + run.status + " · " + run.agents + " agents · best " + fmtScore(run.bestScore) }));
    button.dataset.run = run.id;
    button.addEventListener("click", () => selectRun(run.id));
    box.append(button);
  }
  // Open the newest evolution run: the one most likely to be going on.
  const newest = [...runs].reverse().find((run) => run.kind === "evolve" && run.agents > 0) || runs[runs.length - 1];
  if (!current.runId && newest) await selectRun(newest.id);
}

async function selectRun(runId) {
  current.runId = runId;
  for (const b of document.querySelectorAll("#runs-list button")) b.classList.toggle("active", b.dataset.run === runId);
  await refreshTree(false);
  clearInterval(current.timer);
  current.timer = setInterval(poll, 1500);
}

async function refreshTree(keepView) {
  const data = await getJson("/api/runs/" + encodeURIComponent(current.runId));
  current.lastEventId = data.lastEventId;
  $("#run-title").textContent = data.run.id + " — " + data.run.status;
  $("#final-pick").hidden = !data.finalPick;
  $("#final-pick").textContent = data.finalPick ? "final pick: " + data.finalPick : "";
  $("#run-meta").textContent = data.agentCount + " agents · " + data.attempts.filter((a) => a.status === "running").length + " attempts running · best: " + (data.best || "none yet") + " · cost " + fmtCost(data.run.costUsd, data.run.estimatedCalls > 0) + (data.costNote ? " (" + data.costNote + ")" : "");
  const oldBox = keepView ? $("#tree")?.getAttribute("viewBox") : null;
  $("#tree-box").innerHTML = data.svg || '<p class="empty">No agents yet.</p>';
  const svg = $("#tree");
  if (!svg) return;
  if (oldBox) svg.setAttribute("viewBox", oldBox);
  current.panZoom = enablePanZoom(svg);
  for (const node of svg.querySelectorAll(".agent-node")) {
    node.addEventListener("click", () => selectAgent(node.dataset.id));
    if (node.dataset.id === current.selected) node.classList.add("selected");
  }
  $("#live").textContent = data.run.status === "running" ? "● live" : "run " + data.run.status;
  $("#live").className = data.run.status === "running" ? "live" : "live off";
}

async function poll() {
  if (!current.runId) return;
  try {
    const data = await getJson("/api/runs/" + encodeURIComponent(current.runId) + "/events?after=" + current.lastEventId);
    if (data.events.length > 0) await refreshTree(true);
  } catch (error) { $("#live").textContent = "connection lost: " + error.message; }
}

function section(title, ...children) { return [el("h3", { textContent: title }), ...children]; }

function diffBlock(text) {
  const pre = el("pre", { className: "diff" });
  pre.id = "agent-diff";
  for (const line of text.split("\n")) {
    const cls = line.startsWith("+++") || line.startsWith("---") ? "" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : line.startsWith("@@") ? "hunk" : "";
    pre.append(el("span", { className: cls, textContent: line + "\n" }));
  }
  return pre;
}

function table(headers, rows) {
  return el("table", {}, el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", { textContent: h })))), el("tbody", {}, ...rows.map((cells) => el("tr", {}, ...cells.map((c) => (c instanceof Node ? el("td", {}, c) : el("td", { textContent: String(c) })))))));
}

async function selectAgent(id) {
  current.selected = id;
  for (const node of document.querySelectorAll(".agent-node")) node.classList.toggle("selected", node.dataset.id === id);
  const d = await getJson("/api/agents/" + encodeURIComponent(id));
  const a = d.agent;
  const detail = $("#detail");
  detail.replaceChildren(
    el("h2", { textContent: "agent " + a.id }),
    el("p", { className: "meta", textContent: a.status + (a.statusReason ? " — " + a.statusReason : "") + " · generation " + a.generation + " · scores " + JSON.stringify(a.scores) + " · cost " + fmtCost(d.cost.costUsd, d.cost.estimatedCalls > 0) + " (" + d.cost.calls + " calls)" + (d.costNote ? " · " + d.costNote : "") }),
    el("p", { className: "meta", id: "agent-confidence", hidden: d.confidenceText.length === 0, textContent: d.confidenceText.join(" · ") }),
    el("p", { className: "meta", textContent: "lineage: " + d.lineage.map((x) => x.id.slice(0, 8) + " (" + fmtScore(x.score) + ")").join(" → ") }),
    ...section("Problem statement", el("pre", { id: "problem-statement", textContent: d.attempt ? "[" + d.attempt.entry + "]\n" + (d.attempt.problemStatement || "(none recorded)") : a.parentId ? "(no attempt recorded)" : "Seed agent: imported, not evolved." })),
    ...section("Diff against parent", d.diff ? diffBlock(d.diff) : el("p", { className: "empty", id: "agent-diff", textContent: a.parentId ? "Identical to its parent." : "A seed has no parent." })),
    ...section("Per-task results", d.evaluations.length === 0 ? el("p", { className: "empty", textContent: "Not evaluated." }) : table(["stage", "task", "status", "tests", "seconds", "cost", "grading", "trajectory"], d.evaluations.map((e) => [e.stage, e.taskId, e.status, e.testsPassed + "/" + e.testsTotal, (e.durationMs / 1000).toFixed(1), fmtUsd(e.costUsd), (e.gradingNotes || []).map((n) => n.text).join(" · ") || "—", e.trajectoryRef ? trajectoryButton(e.trajectoryRef) : "—"]))),
    el("pre", { id: "trajectory", hidden: true }),
    ...section("Model calls", d.modelCalls.length === 0 ? el("p", { className: "empty", textContent: "No model calls recorded." }) : table(["purpose", "task", "model", "prompt", "completion", "cost", "ms", "error"], d.modelCalls.map((c) => [c.purpose, c.taskId || "", c.provider + "/" + c.model, c.promptTokens + (c.cachedTokens ? " (" + c.cachedTokens + " cached)" : ""), c.completionTokens, fmtCost(c.costUsd, c.usageEstimated) + (c.usageEstimated ? " (no usage from the server)" : ""), c.latencyMs, c.error || ""]))),
  );
}

function trajectoryButton(ref) {
  const button = el("button", { className: "link", textContent: "show" });
  button.addEventListener("click", async () => {
    const blob = await getJson("/api/blobs/" + encodeURIComponent(ref));
    const pre = $("#trajectory");
    pre.hidden = false;
    pre.textContent = blob.text;
    pre.scrollIntoView({ block: "nearest" });
  });
  return button;
}

$("#fit").addEventListener("click", () => current.panZoom?.reset());
loadRuns().catch((error) => { $("#runs-list").textContent = "Could not load runs: " + error.message; });
`;

export function renderUiPage(home: string): string {
  const escapedHome = home.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>dgm archive</title><style>${baseCss}${uiCss}</style></head>
<body>
<aside id="runs"><h1>dgm</h1><p class="meta">${escapedHome}</p><h2>Runs</h2><div id="runs-list"></div></aside>
<main>
<h1 id="run-title">…</h1><p class="meta"><span id="run-meta"></span> <span id="live" class="live off"></span></p>
<p class="meta" id="final-pick" hidden></p>
<div class="legend"><span>score <span class="ramp"></span> 0 → 1</span><span>● admitted ■ rejected ✕ invalid ◆ pending</span><span><b style="color:#d93025">━</b> seed → best</span><span>wheel: zoom · drag: pan · click: details</span><button id="fit">fit</button></div>
<div class="tree-box" id="tree-box"></div>
<section id="detail"><p class="empty">Click an agent in the tree to see its diff, problem statement, results and model calls.</p></section>
</main>
<script>${panZoomScript}${uiScript}</script>
</body></html>
`;
}
