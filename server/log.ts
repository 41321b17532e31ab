import pino from "pino";
import { env } from "../env";

export type Logger = pino.Logger;

let root: Logger | undefined;

/** Structured JSON logs on stdout; each request gets a child carrying its request id and user id. */
export function logger(): Logger {
  root ??= pino({
    level: env().NODE_ENV === "test" ? "silent" : env().LOG_LEVEL,
    base: { app: "maillage" },
    redact: ["token", "*.token", "tokenHash", "*.tokenHash"],
  });
  return root;
}
