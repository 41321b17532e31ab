import type { Db } from "../../db/client";
import type { Role } from "../../domain/roles";
import type { Locale } from "../../messages/locales";
import type { Logger } from "../log";
import type { Mailer } from "./mail/mailer";

export interface Actor {
  userId: string;
  email: string;
}

/** What every service verb receives: an open scoped transaction, who acts, and its surroundings. */
export interface ServiceContext {
  tx: Db;
  actor: Actor;
  requestId: string;
  log: Logger;
  locale: Locale;
  mailer: Mailer;
  /** Public base URL used in links sent by email. */
  appUrl: string;
  /** Runs `task` once the request's transaction has committed (background work it started). */
  afterCommit?: (task: () => void) => void;
}

/** A service context already narrowed to one workspace whose membership was checked. */
export interface WorkspaceContext extends ServiceContext {
  workspaceId: string;
  role: Role;
}
