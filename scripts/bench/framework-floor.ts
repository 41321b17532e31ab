/**
 * What the framework costs before Maillage does anything: the latency of an empty Next.js route
 * handler (production build, no authentication, no database) and of a bare `node:http` server,
 * both answering the same small JSON body, called the way `npm run bench` calls the app (Node's
 * HTTP client, keep-alive, 8 connections, 2 s of warm-up then 8 s measured).
 *   npm run bench:framework [-- --connections 8 --duration 8]
 * The empty app is written into `.bench-framework/` (ignored by git), built with the project's
 * own Next.js, and removed at the end. Figures in BENCHMARKS.md.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const CONNECTIONS = option("connections", 8);
const DURATION_S = option("duration", 8);
const WARMUP_S = 2;
const NEXT_PORT = 3197;
const PLAIN_PORT = 3196;
const ROOT = process.cwd();
const DIR = path.join(ROOT, ".bench-framework");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const BODY = JSON.stringify([{ result: { data: "pong" } }]);

const files: Record<string, string> = {
  "package.json": JSON.stringify({ name: "bench-framework", private: true }),
  "next.config.ts": `import path from "node:path";\nexport default { turbopack: { root: path.resolve(__dirname, "..") } };\n`,
  "tsconfig.json": JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      lib: ["dom", "esnext"],
      strict: true,
      module: "esnext",
      moduleResolution: "bundler",
      jsx: "preserve",
      noEmit: true,
      skipLibCheck: true,
      isolatedModules: true,
      esModuleInterop: true,
    },
    include: ["**/*.ts", "**/*.tsx"],
  }),
  "app/layout.tsx": `export default function Layout({ children }: { children: React.ReactNode }) {\n  return <html lang="fr"><body>{children}</body></html>;\n}\n`,
  "app/api/ping/route.ts": `export const dynamic = "force-dynamic";\nexport function GET() {\n  return new Response(${JSON.stringify(BODY)}, { headers: { "content-type": "application/json" } });\n}\n`,
};

const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
function callOnce(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () =>
          Buffer.concat(chunks).toString("utf8") === BODY
            ? resolve()
            : reject(new Error(`unexpected answer from ${url}`)),
        );
      })
      .on("error", reject);
  });
}

async function measure(url: string, seconds: number) {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const started = performance.now();
        await callOnce(url);
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(2);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), rps: Math.round(latencies.length / seconds) };
}

async function waitFor(url: string) {
  for (let i = 0; i < 150; i++) {
    if (
      await callOnce(url).then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} never answered`);
}

const children: ChildProcess[] = [];
try {
  rmSync(DIR, { recursive: true, force: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(DIR, file)), { recursive: true });
    writeFileSync(path.join(DIR, file), text);
  }
  console.log("building the empty Next.js app…");
  const build = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: DIR,
    encoding: "utf8",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);

  const plainServer = `require("node:http").createServer((q, s) => { s.setHeader("content-type", "application/json"); s.end(${JSON.stringify(BODY)}); }).listen(${PLAIN_PORT});`;
  children.push(spawn(process.execPath, ["-e", plainServer], { stdio: "ignore" }));
  children.push(
    spawn(process.execPath, [NEXT_BIN, "start", "-p", String(NEXT_PORT)], {
      cwd: DIR,
      stdio: "ignore",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    }),
  );

  console.log(`${CONNECTIONS} connections, ${WARMUP_S} s of warm-up then ${DURATION_S} s measured (ms, requests/s)`);
  console.log(`${"server".padEnd(36)}${"p50".padStart(8)}${"p95".padStart(8)}${"p99".padStart(8)}${"rps".padStart(8)}`);
  for (const [name, url] of [
    ["node:http, no framework", `http://127.0.0.1:${PLAIN_PORT}/`],
    ["Next.js route handler, empty", `http://127.0.0.1:${NEXT_PORT}/api/ping`],
  ] as const) {
    await waitFor(url);
    await measure(url, WARMUP_S);
    const r = await measure(url, DURATION_S);
    console.log(
      `${name.padEnd(36)}${r.p50.padStart(8)}${r.p95.padStart(8)}${r.p99.padStart(8)}${String(r.rps).padStart(8)}`,
    );
  }
} finally {
  for (const child of children) child.kill("SIGINT");
  rmSync(DIR, { recursive: true, force: true });
  agent.destroy();
}
