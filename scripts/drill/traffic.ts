/**
 * The drill's traffic: writers that add timeline entries carrying unique markers (each with its
 * Idempotency-Key, retried with the same key until answered), readers of the alliance list, and
 * page renders, all over kept-alive node:http connections to the app under test. Every request
 * is recorded with when it started and how it ended, so that failures can be judged against the
 * fault windows afterwards.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import { wire } from "../../domain/wire";

/** A request the app left unanswered this long counts as hung (the bound). */
export const ANSWER_WITHIN_MS = 5_000;

export interface Outcome {
  kind: "write" | "read" | "page" | "probe";
  started: number;
  ended: number;
  /** HTTP status, or 0 when no answer came (see error). */
  status: number;
  error?: string;
}

export interface Target {
  port: number;
  token: string;
  slug: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One HTTP request with the session cookie; resolves with its outcome, never rejects. */
export function request(
  target: Target,
  kind: Outcome["kind"],
  method: "GET" | "POST",
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Outcome & { body: string; backend?: string }> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    let backend: string | undefined;
    const done = (status: number, text: string, error?: string) => {
      if (settled) return;
      settled = true;
      resolve({ kind, started, ended: Date.now(), status, error, body: text, backend });
    };
    const req = http.request(
      {
        host: "127.0.0.1",
        port: target.port,
        path,
        method,
        agent,
        headers: {
          cookie: `maillage.session-token=${target.token}`,
          origin: `http://localhost:${target.port}`,
          ...(body !== undefined
            ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) }
            : {}),
          ...headers,
        },
      },
      (response) => {
        // Which instance answered, when a proxy says so (the scale-out drill's does).
        const served = response.headers["x-drill-backend"];
        backend = typeof served === "string" ? served : undefined;
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", (error) => done(0, "", error.message));
        response.on("end", () => done(response.statusCode ?? 0, Buffer.concat(chunks).toString("utf8")));
      },
    );
    req.setTimeout(ANSWER_WITHIN_MS, () => {
      done(0, "", "unanswered");
      req.destroy();
    });
    req.on("error", (error: NodeJS.ErrnoException) => done(0, "", error.code ?? error.message));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const today = () => new Date().toISOString().slice(0, 10);

/** Reads one page of the workspace's alliance list through tRPC, as the list page does. */
export function readList(target: Target, kind: Outcome["kind"] = "read") {
  const input = encodeURIComponent(JSON.stringify({ 0: wire.serialize({ workspaceSlug: target.slug, limit: 25 }) }));
  return request(target, kind, "GET", `/api/trpc/alliances.page?batch=1&input=${input}`);
}

const PAGES = ["", "/alliances", "/alliances/at-risk"];

export interface Traffic {
  outcomes: Outcome[];
  /** Markers whose write the app acknowledged (200). */
  acknowledged: Set<string>;
  /** When each acknowledged write's answer arrived. */
  acknowledgedAt: Map<string, number>;
  /** Markers sent at least once, acknowledged or not. */
  sent: Set<string>;
  /** Writes sent again with their key after a 200, and whether the answer was the first one. */
  replays: { total: number; same: number };
  /** Write attempts that were retries of an unanswered one, with the same key. */
  retries: number;
  stop(): Promise<void>;
}

/**
 * Starts `writers` writers, `readers` list readers and `pages` page renderers against the app,
 * looping until stop(). `allianceIds` are the workspace's alliances the writers add entries to.
 */
export function startTraffic(
  target: () => Target,
  options: { writers: number; readers: number; pages: number; allianceIds: string[]; run: string },
): Traffic {
  let running = true;
  const traffic: Traffic = {
    outcomes: [],
    acknowledged: new Set(),
    acknowledgedAt: new Map(),
    sent: new Set(),
    replays: { total: 0, same: 0 },
    retries: 0,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
  const record = (o: Outcome) =>
    traffic.outcomes.push({ kind: o.kind, started: o.started, ended: o.ended, status: o.status, error: o.error });
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const writer = async (w: number) => {
    for (let n = 0; running; n++) {
      const marker = `drill-${options.run}-w${w}-${n}`;
      const key = randomUUID();
      const allianceId = options.allianceIds[(w + n) % options.allianceIds.length]!;
      const body = JSON.stringify(
        wire.serialize({ workspaceSlug: target().slug, allianceId, kind: "note", title: marker, occurredOn: today() }),
      );
      traffic.sent.add(marker);
      // Retried with the same key until answered: a write that committed while its answer was
      // lost must come back as the same entry, never as a second one.
      const deadline = Date.now() + 60_000;
      let first: string | null = null;
      for (let attempt = 0; Date.now() < deadline; attempt++) {
        if (attempt > 0) traffic.retries++;
        const o = await request(target(), "write", "POST", "/api/trpc/alliances.addTimelineEntry", body, {
          "Idempotency-Key": key,
        });
        record(o);
        if (o.status === 200) {
          traffic.acknowledged.add(marker);
          traffic.acknowledgedAt.set(marker, o.ended);
          first = o.body;
          break;
        }
        if (o.status !== 0 && o.status < 500) throw new Error(`write refused: ${o.status} ${o.body.slice(0, 300)}`);
        if (!running && Date.now() > deadline - 50_000) break;
        await pause(100);
      }
      // Every fifth acknowledged write is sent again with its key: the app must answer the same.
      if (first !== null && n % 5 === 0) {
        const again = await request(target(), "write", "POST", "/api/trpc/alliances.addTimelineEntry", body, {
          "Idempotency-Key": key,
        });
        record(again);
        if (again.status === 200) {
          traffic.replays.total++;
          if (again.body === first) traffic.replays.same++;
        }
      }
    }
  };
  const reader = async () => {
    while (running) {
      record(await readList(target()));
      await pause(20);
    }
  };
  const renderer = async (p: number) => {
    for (let n = p; running; n++) {
      record(await request(target(), "page", "GET", `/w/${target().slug}${PAGES[n % PAGES.length]}`));
      await pause(20);
    }
  };
  const loops = [
    ...Array.from({ length: options.writers }, (_, i) => writer(i)),
    ...Array.from({ length: options.readers }, () => reader()),
    ...Array.from({ length: options.pages }, (_, i) => renderer(i)),
  ];
  return traffic;
}

/** Polls the alliance list until it answers 200; returns when it did. */
export async function waitServed(target: Target, timeoutMs: number): Promise<number | null> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const o = await readList(target, "probe");
    if (o.status === 200) return o.ended;
    await new Promise((r) => setTimeout(r, 25));
  }
  return null;
}

export interface Window {
  name: string;
  from: number;
  to: number;
}

export interface Verdict {
  requests: number;
  ok: number;
  excused: number;
  /** 5xx or no answer outside every fault window. */
  failures: Outcome[];
  /** Requests that got no answer within ANSWER_WITHIN_MS, anywhere. */
  unanswered: Outcome[];
  statuses: Record<string, number>;
}

/**
 * Judges every recorded request: a 5xx, a refused or reset connection are excused only when the
 * request was in flight during a fault window (it was running on the backend that was killed, or
 * started before the app served again); a request left unanswered for ANSWER_WITHIN_MS fails
 * wherever it is.
 */
export function judge(outcomes: Outcome[], windows: Window[]): Verdict {
  const verdict: Verdict = { requests: outcomes.length, ok: 0, excused: 0, failures: [], unanswered: [], statuses: {} };
  for (const o of outcomes) {
    const label = o.status ? String(o.status) : (o.error ?? "error");
    verdict.statuses[label] = (verdict.statuses[label] ?? 0) + 1;
    if (o.error === "unanswered") {
      verdict.unanswered.push(o);
      continue;
    }
    if (o.status !== 0 && o.status < 500) {
      verdict.ok++;
      continue;
    }
    if (windows.some((w) => o.started <= w.to && o.ended >= w.from)) verdict.excused++;
    else verdict.failures.push(o);
  }
  return verdict;
}
