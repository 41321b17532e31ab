// node .callers.mjs PROFILE PATTERN [depth] : who calls frames whose function or file matches PATTERN
import { readFileSync, existsSync } from "node:fs";
import { SourceMapConsumer } from "source-map-js";
const prof = JSON.parse(readFileSync(process.argv[2], "utf8"));
const pat = new RegExp(process.argv[3]); const depth = Number(process.argv[4] ?? 4);
const nodes = new Map(prof.nodes.map((n) => [n.id, n])); const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = new Map();
const SKIP = Number(process.env.SKIP_S ?? 0) * 1e6; let clock = 0;
for (let i = 0; i < prof.samples.length; i++) if ((clock += prof.timeDeltas[i] ?? 0) >= SKIP) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
const maps = new Map();
function orig(cf) {
  let url = cf.url; if (!url) return `(${cf.functionName || "native"})`;
  url = url.replace(/^file:\/\//, "");
  if (!maps.has(url)) { const m = url + ".map"; maps.set(url, existsSync(m) ? new SourceMapConsumer(JSON.parse(readFileSync(m, "utf8"))) : null); }
  const c = maps.get(url);
  if (!c) return url.replace(/.*node_modules\//, "nm/") + ":" + cf.functionName;
  const p = c.originalPositionFor({ line: cf.lineNumber + 1, column: cf.columnNumber });
  return (p.source ?? url).replace(/.*node_modules\//, "nm/").replace(/^turbopack:\/\/\/?/, "").replace(/^\[project\]\//, "") + ":" + (p.line ?? "") + ":" + (p.name ?? cf.functionName);
}
const label = new Map(); const L = (id) => { if (!label.has(id)) label.set(id, orig(nodes.get(id).callFrame)); return label.get(id); };
const by = new Map(); let tot = 0;
for (const [id, t] of dt) {
  if (!pat.test(L(id))) continue; tot += t;
  const chain = []; let p = parent.get(id);
  for (let d = 0; d < depth && p !== undefined; d++, p = parent.get(p)) chain.push(L(p).replace(/^.*\/(?=[^/]+\/[^/]+$)/, ""));
  const k = chain.join(" < "); by.set(k, (by.get(k) ?? 0) + t);
}
for (const [k, t] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`);
console.log(`total ${(tot / 1000).toFixed(0)} ms`);
