// node .srcmap.mjs PROFILE [self|incl] : CPU by original source file (self), or by package
import { readFileSync, existsSync } from "node:fs";
import { SourceMapConsumer } from "source-map-js";
const prof = JSON.parse(readFileSync(process.argv[2], "utf8"));
const mode = process.argv[3] ?? "self";
const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
const dt = new Map();
const SKIP = Number(process.env.SKIP_S ?? 0) * 1e6; let clock = 0;
for (let i = 0; i < prof.samples.length; i++) if ((clock += prof.timeDeltas[i] ?? 0) >= SKIP) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
const maps = new Map();
function orig(cf) {
  let url = cf.url; if (!url) return `(${cf.functionName || "native"})`;
  url = url.replace(/^file:\/\//, "");
  if (!maps.has(url)) { const m = url + ".map"; maps.set(url, existsSync(m) ? new SourceMapConsumer(JSON.parse(readFileSync(m, "utf8"))) : null); }
  const c = maps.get(url);
  if (!c) return url.replace(/.*node_modules\//, "nm/").replace("/work/main/", "");
  const p = c.originalPositionFor({ line: cf.lineNumber + 1, column: cf.columnNumber });
  return (p.source ?? url).replace(/.*node_modules\//, "nm/").replace(/^webpack:\/\/\/?/, "").replace(/^\[project\]\//, "");
}
const key = (n) => { const f = orig(n.callFrame); return mode === "pkg" ? (f.startsWith("nm/") ? f.split("/").slice(0, f.split("/")[1].startsWith("@") ? 3 : 2).join("/") : f.startsWith("(") ? f : f.split("/")[0]) : f + (mode === "fn" ? ":" + n.callFrame.functionName : ""); };
const by = new Map(); let total = 0;
for (const [id, t] of dt) { const n = nodes.get(id); const k = key(n); by.set(k, (by.get(k) ?? 0) + t); total += t; }
const rows = [...by].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[4] ?? 40));
for (const [k, t] of rows) console.log(`${(t / 1000).toFixed(0).padStart(7)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
console.log(`total ${(total / 1000).toFixed(0)} ms`);
