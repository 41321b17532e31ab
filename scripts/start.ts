import { spawnSync } from "node:child_process";

/**
 * `npm start`: prepare the database (migrations, demo data in demo mode), build the app, then
 * serve it on http://localhost:3000 (PORT to change it). The server runs in this process, so a
 * Ctrl-C or SIGTERM reaches its one shutdown handler (scripts/serve.ts).
 */
function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit", shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(process.execPath, ["--import", "tsx", "scripts/prepare.ts"]);
run(process.execPath, ["node_modules/next/dist/bin/next", "build"]);
await import("./serve");
