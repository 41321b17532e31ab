import { type AllianceColumn } from "../../../domain/exchange";
import { type OrganisationKind } from "../../../domain/identifiers";
import { type PartnerIdentifier } from "../../../domain/import";
import type { RowValues } from "../../../domain/import-merge";
import type { CurrentAlliance } from "./import-current";

/** The shapes of an import: the column mapping, the partner decisions, and the plan a dry run gives. */

export type Mapping = Array<AllianceColumn | null>;
export type PartnerDecision = { organisationId: string } | { create: OrganisationKind };
export type Decisions = Record<string, PartnerDecision>;

export interface PlannedRow {
  /** The row's line in the file (the header is line 1). */
  line: number;
  action: "create" | "update" | "unchanged";
  reference: string | null;
  allianceId: string | null;
  /** Whether the reference must be recorded for the next import to find the alliance. */
  recordReference: boolean;
  values: RowValues;
  /** The alliance as it is now, for a row that updates one. */
  current: CurrentAlliance | null;
}

export interface CellError {
  line: number;
  column: string | null;
  message: string;
}

export interface PartnerCandidate {
  id: string;
  name: string;
  kind: string;
  siren: string | null;
  rna: string | null;
  place: string | null;
  similarity: number;
}

export interface PartnerChoice {
  key: string;
  /** As the file wrote it (first occurrence). */
  text: string;
  name: string;
  identifier: PartnerIdentifier | null;
  /** matched: one organisation is certain; new: none is near, one will be created; confirm: the user must choose. */
  status: "matched" | "new" | "confirm";
  matched: PartnerCandidate | null;
  candidates: PartnerCandidate[];
  /** The kind of the organisation to create: the user's choice, else a guess from the name. */
  kind: OrganisationKind;
  lines: number[];
}

export interface ImportPlan {
  rows: PlannedRow[];
  errors: CellError[];
  mappingErrors: string[];
  partners: PartnerChoice[];
  counts: {
    rows: number;
    create: number;
    update: number;
    unchanged: number;
    invalid: number;
    organisationsNew: number;
    organisationsExisting: number;
    toConfirm: number;
  };
  ready: boolean;
}
