// The CSS shared by the HTML report and the web UI (inlined: both work offline).
export const baseCss = `
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #202124; background: #fff; }
body { margin: 0 auto; padding: 16px 24px; max-width: 1400px; }
h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #e0e0e0; padding-bottom: 4px; }
.meta { color: #5f6368; font-size: 13px; } .meta b { color: #202124; }
.tree-box { border: 1px solid #dadce0; border-radius: 6px; background: #fafafa; height: 65vh; min-height: 320px; position: relative; overflow: hidden; }
.tree-box svg.agent-tree { width: 100%; height: 100%; cursor: grab; display: block; }
.agent-node { cursor: pointer; } .agent-node:hover > * { stroke: #000; stroke-width: 2; }
.agent-node.selected > * { stroke: #e37400; stroke-width: 3; }
.legend { font-size: 12px; color: #5f6368; margin: 6px 0; display: flex; gap: 16px; flex-wrap: wrap; align-items: center; }
.legend .ramp { display: inline-block; width: 120px; height: 10px; background: linear-gradient(90deg, #440154, #3b528b, #21918c, #5ec962, #fde725); vertical-align: middle; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 12px; }
th, td { padding: 3px 6px; border: 1px solid #e8eaed; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.matrix td { text-align: center; width: 18px; }
table.matrix th span { display: block; font-family: ui-monospace, monospace; } table.matrix th small { color: #5f6368; }
table.matrix th.task { font-family: ui-monospace, monospace; font-weight: normal; white-space: nowrap; }
td.passed { background: #ceead6; color: #137333; } td.failed { background: #fad2cf; color: #a50e0e; }
td.error, td.timeout { background: #feefc3; color: #b06000; } td.none { background: #f1f3f4; }
.empty, .note { color: #5f6368; font-style: italic; }
sup.flag, .flags .flag { color: #b06000; font-weight: bold; } sup.tamper, .flags .tamper { color: #a50e0e; font-weight: bold; }
pre { background: #f8f9fa; border: 1px solid #e8eaed; padding: 8px; overflow: auto; font-size: 12px; max-height: 480px; }
pre.diff .add { color: #137333; } pre.diff .del { color: #a50e0e; } pre.diff .hunk { color: #1a73e8; }
`;
