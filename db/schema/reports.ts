import { pgTable, primaryKey, smallint, text, uuid } from "drizzle-orm/pg-core";
import { updatedAt, version } from "./columns";
import { users } from "./users";
import { workspaces } from "./workspaces";

/** The CSR team's short narrative for one SDG goal in its report for a year. Private to the workspace. */
export const sdgReportNarratives = pgTable(
  "sdg_report_narratives",
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    year: smallint().notNull(),
    goal: smallint().notNull(),
    text: text().notNull(),
    updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    version: version(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.year, t.goal] })],
);
