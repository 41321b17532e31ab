import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";

/**
 * The database client seen through OpenTelemetry (server/tracing.ts): every statement a span,
 * child of whatever span is current (the tRPC procedure, the request). Applied by openDatabase
 * only while tracing is on in the process, so that an untraced process pays nothing.
 */

/** Whether server/tracing.ts started tracing in this process. */
export function tracingStarted(): boolean {
  return (globalThis as { __maillageTracing?: unknown }).__maillageTracing !== undefined;
}

/** The first word of a statement, lower-cased: the span's name ("db select", "db insert"). */
export function statementVerb(text: string): string {
  const word = /^\s*(?:--[^\n]*\n\s*)*([A-Za-z]+)/.exec(text)?.[1];
  return (word ?? "query").toLowerCase();
}

/** Records one statement as a span ending when its promise settles. */
function statementSpan<T extends PromiseLike<unknown>>(text: string, run: () => T): T {
  const span = trace.getTracer("maillage").startSpan(`db ${statementVerb(text)}`, {
    kind: SpanKind.CLIENT,
    attributes: { "db.system.name": "postgresql", "db.query.text": text.slice(0, 2_000) },
  });
  const result = context.with(trace.setSpan(context.active(), span), run);
  result.then(
    () => span.end(),
    (error: unknown) => {
      span.setStatus({ code: SpanStatusCode.ERROR, message: String((error as Error)?.message ?? error).slice(0, 200) });
      span.end();
    },
  );
  return result;
}

type Callback = (client: object) => unknown;

/**
 * postgres.js's `sql` with its statements traced: `unsafe` (how drizzle sends every statement),
 * and the connections handed to `begin` and `savepoint` callbacks (transactions), the same way.
 */
export function tracedPostgres<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (property === "unsafe")
        return (text: string, ...rest: unknown[]) =>
          statementSpan(text, () => (value as (...a: unknown[]) => PromiseLike<unknown>).call(target, text, ...rest));
      if (property === "begin" || property === "savepoint") return wrappingTransactions(value, target, tracedPostgres);
      return value;
    },
  });
}

/**
 * postgres.js's `begin` or `savepoint`, handing its callback the transaction's own client wrapped
 * by `wrap`, as the outer client is (db/prepared.ts and the tracing above both need it).
 */
export function wrappingTransactions(begin: unknown, target: object, wrap: (inner: object) => object) {
  return (...args: unknown[]) => {
    const last = args.length - 1;
    const callback = args[last] as Callback;
    args[last] = (inner: object) => callback(wrap(inner));
    return (begin as (...a: unknown[]) => unknown).apply(target, args);
  };
}

/** PGlite with its statements traced: `query` and `exec`, and the transactions' own. */
export function tracedPglite<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (property === "query" || property === "exec")
        return (text: string, ...rest: unknown[]) =>
          statementSpan(text, () => (value as (...a: unknown[]) => Promise<unknown>).call(target, text, ...rest));
      if (property === "transaction")
        return (callback: Callback) =>
          (value as (cb: Callback) => unknown).call(target, (inner: object) => callback(tracedPglite(inner)));
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}
