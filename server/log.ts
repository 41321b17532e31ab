import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import pino from "pino";
import { env } from "../env";

/**
 * This process among the app's instances: its host, its process id and a few random characters
 * (a restarted process on the same host is another instance). Every log line carries it.
 */
// Kept on globalThis: the server script and the app's bundle each load this module, in one process.
const holder = globalThis as typeof globalThis & { __maillageInstance?: string };
export const INSTANCE_ID =
  (holder.__maillageInstance ??= `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`);

export type Logger = pino.Logger;

let root: Logger | undefined;

/** Structured JSON logs on stdout; each request gets a child carrying its request id and user id. */
export function logger(): Logger {
  root ??= pino({
    level: env().NODE_ENV === "test" ? "silent" : env().LOG_LEVEL,
    base: { app: "maillage", instance: INSTANCE_ID },
    redact: ["token", "*.token", "tokenHash", "*.tokenHash"],
  });
  return root;
}
