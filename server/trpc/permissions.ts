import type { ProcedureMeta } from "./init";
import { appRouter } from "./root";

/** Every procedure's path and the permission it declares (null when it declares none), read from the router. */
export function procedurePermissions(): Record<string, ProcedureMeta["permission"] | null> {
  const procedures = (
    appRouter as unknown as { _def: { procedures: Record<string, { _def: { meta?: ProcedureMeta } }> } }
  )._def.procedures;
  return Object.fromEntries(
    Object.entries(procedures).map(([path, procedure]) => [path, procedure._def.meta?.permission ?? null]),
  );
}
