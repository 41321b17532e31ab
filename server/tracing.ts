import { context, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from "@opentelemetry/api";
import { lowLevelSettings } from "../env";

/**
 * OpenTelemetry tracing of a request from its route to its SQL statements, exported over OTLP
 * (HTTP, JSON) when OTEL_EXPORTER_OTLP_ENDPOINT is set, and off otherwise: no provider is
 * registered, every span below is the API's no-op, and the database client is not wrapped.
 *
 * - `scripts/serve.ts` opens one span per request (`GET /w/:workspace/alliances`, named as the
 *   metrics name routes) and runs the request inside it; Next.js adds its own spans below it
 *   (it reports to a registered provider).
 * - each tRPC procedure is a span (`trpc alliances.page`), from the procedures' middleware;
 * - each statement sent to the database is a span (`db select`, with the statement's text and
 *   never its parameters), from the client wrapped in db/client.ts.
 * The context follows the request through its awaits (AsyncLocalStorage), so the three nest.
 * Standard variables apply: OTEL_SERVICE_NAME (default "maillage"), OTEL_EXPORTER_OTLP_HEADERS.
 */

type Holder = { __maillageTracing?: { shutdown(): Promise<void> } };
const held = globalThis as unknown as Holder;

/** Whether spans are recorded in this process (a provider was started). */
export function tracingOn(): boolean {
  return held.__maillageTracing !== undefined;
}

/**
 * Starts tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set (or an exporter is given: the tests'
 * in-memory one). Once per process; the instance id names the process in every span.
 */
export async function startTracing(options: {
  instance: string;
  exporter?: import("@opentelemetry/sdk-trace-base").SpanExporter;
}): Promise<boolean> {
  if (held.__maillageTracing) return true;
  const settings = lowLevelSettings();
  const endpoint = settings.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint && !options.exporter) return false;
  const [{ NodeTracerProvider }, { BatchSpanProcessor, SimpleSpanProcessor }, { resourceFromAttributes }] =
    await Promise.all([
      import("@opentelemetry/sdk-trace-node"),
      import("@opentelemetry/sdk-trace-base"),
      import("@opentelemetry/resources"),
    ]);
  const exporter =
    options.exporter ?? new (await import("@opentelemetry/exporter-trace-otlp-http")).OTLPTraceExporter();
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      "service.name": settings.OTEL_SERVICE_NAME,
      "service.instance.id": options.instance,
    }),
    // The tests read their spans at once; a server sends them in batches.
    spanProcessors: [options.exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)],
  });
  // Registers the provider and an AsyncLocalStorage context manager for this process.
  provider.register();
  held.__maillageTracing = {
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      held.__maillageTracing = undefined;
    },
  };
  return true;
}

/** Sends the spans still waiting and stops tracing (shutdown, tests). */
export async function stopTracing(): Promise<void> {
  await held.__maillageTracing?.shutdown();
}

export function tracer(): Tracer {
  return trace.getTracer("maillage");
}

/** Runs `work` inside a span of the current context, ending it with the outcome. */
export async function inSpan<T>(
  name: string,
  attributes: Record<string, string | number | boolean>,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message?.slice(0, 200) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A request's span, opened by the HTTP server; `end` names it by its route once answered. */
export function requestSpan(method: string, url: string): { span: Span; run<T>(work: () => T): T } {
  const span = tracer().startSpan(`${method} ${url.split("?")[0]}`, {
    kind: SpanKind.SERVER,
    attributes: { "http.request.method": method, "url.path": url.split("?")[0] ?? "/" },
  });
  const active = trace.setSpan(context.active(), span);
  return { span, run: (work) => context.with(active, work) };
}
