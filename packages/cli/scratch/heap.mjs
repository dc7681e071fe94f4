import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import * as E from "fp-ts/lib/Either.js";
import { emptyHistory, judgeDecoded, decodeLine } from "/work/main/packages/cli/dist/history.js";
const n = Number(process.argv[3] ?? Infinity);
let history = emptyHistory(); let i = 0;
global.gc(); const before = process.memoryUsage().heapUsed;
for await (const text of createInterface({ input: createReadStream(process.argv[2]) })) {
  const d = decodeLine(JSON.parse(text)); if (E.isLeft(d)) throw new Error(d.left);
  const j = judgeDecoded(history, ++i, d.right); if (E.isLeft(j)) throw new Error(j.left);
  history = j.right.accepted.history; if (i >= n) break;
}
global.gc(); const after = process.memoryUsage().heapUsed;
const m = history.state.lineage.maps;
console.log(i, "events; decider heap", ((after - before) / 1e6).toFixed(1), "MB;", ((after - before) / i).toFixed(0), "bytes/event;", Object.entries(m).map(([k, v]) => `${k} ${v.size}`).join(", "));
