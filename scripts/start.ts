import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { buildIsCurrent, buildStampFile, sourcesDigest } from "./build-stamp";

/**
 * `npm start`: prepare the database (migrations, demo data in demo mode), build the app when its
 * sources changed since the last build (MAILLAGE_REBUILD=1 forces it), then serve it on
 * http://localhost:3000 (PORT to change it). The server runs in this process, so a Ctrl-C or
 * SIGTERM reaches its one shutdown handler (scripts/serve.ts).
 */
function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit", shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(process.execPath, ["--import", "tsx", "scripts/prepare.ts"]);
const digest = sourcesDigest();
if (process.env.MAILLAGE_REBUILD !== "1" && buildIsCurrent(process.cwd(), digest)) {
  console.log("The build is up to date with the sources: not rebuilding (MAILLAGE_REBUILD=1 forces it).");
} else {
  run(process.execPath, ["node_modules/next/dist/bin/next", "build"]);
  writeFileSync(buildStampFile, `${digest}\n`);
}
await import("./serve");
