/** Messages of `extra` laid over `base`, namespace by namespace (neither is changed). */
export function mergeMessages(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const below = out[key];
    out[key] =
      below && typeof below === "object" && value && typeof value === "object"
        ? mergeMessages(below as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}
