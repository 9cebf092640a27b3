import { openArchive } from "/work/main/archive/index.ts";
import { evaluateStandalone } from "/work/main/evaluator/standalone.ts";
const archive = await openArchive("/tmp/dgm-e-score");
const started = Date.now();
const result = await evaluateStandalone({ archive, agentRef: "/work/main/agents/seed", suite: "builtin:small", model: "sim", onProgress: (m) => console.error(m) });
console.log(JSON.stringify({ score: (result as { score?: number }).score, stage: result.stage, tasks: result.taskCount, seconds: (Date.now() - started) / 1000 }));
console.log(Object.keys(result));
archive.close();
