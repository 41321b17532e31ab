import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The only reader of process.env. Every setting is documented in .env.example.
 * Values are read lazily so `next build` does not need a database or a secret.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().default(".data/pglite"),
  AUTH_SECRET: z.string().min(32).optional(),
  /** The address users reach the app at; when unset, http://localhost:<PORT>. */
  APP_URL: z.string().url().optional(),
  EMAIL_SERVER: z.string().optional(),
  EMAIL_FROM: z.string().default("Maillage <no-reply@maillage.localhost>"),
  DEMO_SIGN_IN: z.enum(["true", "false"]).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * "transaction" when DATABASE_URL points at PgBouncer in transaction mode: no named prepared
   * statements, and no session settings sent at connection (set them on the database role
   * instead, see docs/scaling.md). Read by db/client.ts.
   */
  DATABASE_POOLER: z.enum(["none", "transaction"]).default("none"),
  /**
   * "false" sends the API (/api/trpc) through Next.js's router as every other route; by default
   * the server script calls the API's handler directly once Next.js has loaded it
   * (server/http/direct-routes.ts). For comparing the two, or for working round a fault of the
   * direct path.
   */
  API_DIRECT: z.enum(["true", "false"]).default("true"),
  /** Longest statement a request may run on the PostgreSQL server, in ms (0: no limit). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  /** On SIGTERM or SIGINT, how long requests in flight may take to finish before they are cut, in ms. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Port the server listens on (npm start, npm run serve); `--port` overrides it. */
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** Lets webhooks post to plain http://localhost (development and tests only). */
  WEBHOOK_ALLOW_LOCAL_HTTP: z.stringbool().default(false),
  /** Calls one API token may make per minute (per app process). */
  API_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(120),
  /**
   * Which proxies' X-Forwarded-For/-Proto/-Host to believe: empty (none: the client is the
   * socket's peer), a hop count, or a comma-separated list of addresses and CIDR ranges.
   */
  TRUSTED_PROXIES: z.string().default(""),
  /** Platform operators (comma-separated emails): they approve or refuse territorial coordination requests. */
  OPERATOR_EMAILS: z.string().default(""),
  /** Minutes between two computations of the territorial statistics summary; 0 turns the job off. */
  TERRITORY_STATISTICS_MINUTES: z.coerce.number().int().min(0).max(10_080).default(15),
  /** How often the public observatory is recomputed (0: never by the app; npm run statistics:observatory does it). */
  OBSERVATORY_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  /**
   * Whether the web process also runs the background jobs (`npm run worker` runs them alone). The
   * queue runs each scheduled job once per period whatever the number of processes, so "true" is
   * safe beside workers too; "false" leaves the web processes to pages and the API.
   */
  JOBS_IN_WEB: z.enum(["true", "false"]).default("true"),
  /**
   * redis://host:port of a Redis server to count rate limits in (one INCR per request instead of
   * a database upsert). Optional: without it, or while it does not answer, the database counts.
   */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /**
   * Base address of an OpenTelemetry collector (OTLP over HTTP, say http://127.0.0.1:4318): the
   * server and the worker then export a trace per request and per job (server/tracing.ts). The
   * exporter reads it itself, with the other OTEL_* variables; off when unset.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** The name traces give the service (default "maillage"). */
  OTEL_SERVICE_NAME: z.string().min(1).max(100).default("maillage"),
  /** Bearer token for `/api/metrics` (Prometheus); without it the endpoint answers 404. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** How often a process running jobs looks for stuck ones (their process died) and archives done ones, in seconds. */
  JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  /** An import running this long is taken as stuck and run again (a second run of a live one waits for it and finds it done). */
  IMPORT_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(5).max(3_600).default(120),
  /** ProConnect (the state's identity federation): issuer URL, client id and secret; all three show the button. */
  PROCONNECT_ISSUER: z.string().url().optional(),
  PROCONNECT_CLIENT_ID: z.string().optional(),
  PROCONNECT_CLIENT_SECRET: z.string().optional(),
  /** acr_values asked of ProConnect (space-separated, e.g. "eidas1"); none by default. */
  PROCONNECT_ACR_VALUES: z.string().optional(),
  /** A second OpenID Connect provider (Entra ID, Google Workspace, Keycloak…): issuer, client id, secret, button label. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("SSO"),
});

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  acrValues?: string;
}

export type Env = Omit<z.infer<typeof schema>, "APP_URL"> & {
  /** APP_URL, or http://localhost:<PORT> when it is not set. */
  APP_URL: string;
  /** True when the app offers one-click sign-in as the demo personas. */
  demoSignIn: boolean;
  /** The Auth.js secret: configured, or generated once and kept in .data/ for a local demo. */
  authSecret: string;
  /** ProConnect sign-in, when its issuer, client id and secret are all set. */
  proconnect: OidcSettings | null;
  /** The generic OpenID Connect sign-in, when its issuer, client id and secret are all set. */
  oidc: OidcSettings | null;
};

function emptyToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(source)) out[k] = v === "" ? undefined : v;
  return out;
}

/**
 * Demo sign-in is on only for a local demo: no database URL and no secret configured,
 * or when DEMO_SIGN_IN=true says so explicitly. DEMO_SIGN_IN=false always turns it off.
 */
export function resolveDemoSignIn(values: {
  DATABASE_URL?: string;
  AUTH_SECRET?: string;
  DEMO_SIGN_IN?: "true" | "false";
}) {
  if (values.DEMO_SIGN_IN) return values.DEMO_SIGN_IN === "true";
  return !values.DATABASE_URL && !values.AUTH_SECRET;
}

/** The configured APP_URL, or the local address on the port the server listens on. */
export function resolveAppUrl(values: { APP_URL?: string; PORT: number }): string {
  return values.APP_URL ?? `http://localhost:${values.PORT}`;
}

function localSecret(): string {
  const file = path.resolve(".data/auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * The few settings read where the whole environment must not be required: the database client
 * and tracing start in scripts (migrations, seeds, the worker) that may lack what env() insists
 * on in production (AUTH_SECRET). Parsed by the same schema, one variable at a time.
 */
export function lowLevelSettings() {
  const values = emptyToUndefined(process.env);
  const pick = <K extends "DATABASE_POOLER" | "OTEL_EXPORTER_OTLP_ENDPOINT" | "OTEL_SERVICE_NAME">(key: K) => {
    const parsed = schema.shape[key].safeParse(values[key]);
    if (!parsed.success) throw new Error(`Invalid environment: ${key}: ${parsed.error.issues[0]?.message}`);
    return parsed.data as z.infer<typeof schema>[K];
  };
  return {
    DATABASE_POOLER: pick("DATABASE_POOLER"),
    OTEL_EXPORTER_OTLP_ENDPOINT: pick("OTEL_EXPORTER_OTLP_ENDPOINT"),
    OTEL_SERVICE_NAME: pick("OTEL_SERVICE_NAME"),
  };
}

let cached: Env | undefined;

/** Forgets the parsed environment: the next env() reads process.env again (tests that change it). */
export function reloadEnv(): void {
  cached = undefined;
}

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(emptyToUndefined(process.env));
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${detail}`);
  }
  const values = parsed.data;
  if (values.DATABASE_URL && !values.AUTH_SECRET && values.NODE_ENV === "production") {
    throw new Error("AUTH_SECRET is required when DATABASE_URL is set in production (openssl rand -base64 32).");
  }
  cached = {
    ...values,
    APP_URL: resolveAppUrl(values),
    demoSignIn: resolveDemoSignIn(values),
    authSecret: values.AUTH_SECRET ?? localSecret(),
    proconnect:
      values.PROCONNECT_ISSUER && values.PROCONNECT_CLIENT_ID && values.PROCONNECT_CLIENT_SECRET
        ? {
            issuer: values.PROCONNECT_ISSUER,
            clientId: values.PROCONNECT_CLIENT_ID,
            clientSecret: values.PROCONNECT_CLIENT_SECRET,
            name: "ProConnect",
            acrValues: values.PROCONNECT_ACR_VALUES,
          }
        : null,
    oidc:
      values.OIDC_ISSUER && values.OIDC_CLIENT_ID && values.OIDC_CLIENT_SECRET
        ? {
            issuer: values.OIDC_ISSUER,
            clientId: values.OIDC_CLIENT_ID,
            clientSecret: values.OIDC_CLIENT_SECRET,
            name: values.OIDC_NAME,
          }
        : null,
  };
  return cached;
}
