/**
 * Benchmark: commune type-ahead. Prints the index build time and the latency of searches a
 * person types letter by letter (names and postal codes). Target: p95 well under 10 ms so a
 * type-ahead stays instant. Run: npx tsx scripts/bench/territory-search.ts
 */
import { performance } from "node:perf_hooks";
import { searchCommunes } from "../../domain/territory";
import { territory } from "../../domain/territory-data";

const t0 = performance.now();
const index = territory();
console.log(`index built: ${(performance.now() - t0).toFixed(0)} ms, ${index.communes.size} communes`);

const words = [
  "saint-étienne",
  "villeneuve",
  "la rochelle",
  "montpellier",
  "aix",
  "bourg",
  "ste marie",
  "69003",
  "2a004",
  "97411",
  "rochelle",
  "sur mer",
];
const timings: number[] = [];
for (let round = 0; round < 20; round++) {
  for (const word of words) {
    for (let n = 1; n <= word.length; n++) {
      const start = performance.now();
      searchCommunes(index, word.slice(0, n), 10);
      timings.push(performance.now() - start);
    }
  }
}
timings.sort((a, b) => a - b);
const pick = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(2);
console.log(
  `searches: ${timings.length}, p50 ${pick(0.5)} ms, p95 ${pick(0.95)} ms, p99 ${pick(0.99)} ms, max ${timings.at(-1)!.toFixed(2)} ms`,
);
