const v8 = await import("node:v8");
const N = 200000;
global.gc(); const b0 = process.memoryUsage().heapUsed;
const keep = [];
for (let i = 0; i < N; i++) keep.push(JSON.parse(`{"d":"2013-03-${String(i % 28 + 1).padStart(2, "0")}","c":"c${i % 300}-0"}`));
global.gc(); const b1 = process.memoryUsage().heapUsed;
console.log("objects with parsed strings:", ((b1 - b0) / N).toFixed(1), "B each");
const pool = new Map(); const intern = (s) => { const k = pool.get(s); if (k !== undefined) return k; pool.set(s, s); return s; };
const keep2 = [];
for (let i = 0; i < N; i++) { const o = JSON.parse(`{"d":"2013-03-${String(i % 28 + 1).padStart(2, "0")}","c":"c${i % 300}-0"}`); keep2.push({ d: intern(o.d), c: intern(o.c) }); }
global.gc(); const b2 = process.memoryUsage().heapUsed;
console.log("objects with interned strings:", ((b2 - b1) / N).toFixed(1), "B each");
console.log(keep.length + keep2.length);
