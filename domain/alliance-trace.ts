import { compareSdgTargets } from "./sdg";

/** What the audit log keeps of an alliance, whether the form or an import wrote it. */
export interface AllianceTraceSource {
  title: string;
  summary: string | null;
  keyResults: string | null;
  stage: string;
  startsOn: string | null;
  endsOn: string | null;
  /** The parties as they should read in the log ("Nom (rôle)" from the form, names from an import). */
  partners: string[];
  modes: Array<{ mode: string; mecenatForms: string[]; startsOn: string }>;
  sdgTargets: Array<{ target: string; isPrimary: boolean }>;
  territory: { scope: string; codes: string[] };
  tags: string[];
}

/**
 * A compact, readable copy of an alliance for the audit log's before and after: one line per
 * field, so two copies compare field by field. Primary SDG targets carry a star.
 */
export function allianceTrace(a: AllianceTraceSource) {
  return {
    title: a.title,
    summary: a.summary,
    keyResults: a.keyResults,
    stage: a.stage,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    partners: a.partners.join(", "),
    modes: a.modes
      .map((m) => `${m.mode}${m.mecenatForms.length ? `[${m.mecenatForms.join("+")}]` : ""} ${m.startsOn}`)
      .join(" → "),
    sdgTargets: [...a.sdgTargets]
      .sort((x, y) => compareSdgTargets(x.target, y.target))
      .map((s) => (s.isPrimary ? `${s.target}*` : s.target))
      .join(" "),
    territory: `${a.territory.scope} ${a.territory.codes.join(" ")}`.trim(),
    tags: a.tags.join(", "),
  };
}
export type AllianceTrace = ReturnType<typeof allianceTrace>;
