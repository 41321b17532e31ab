import { z } from "zod";
import { isCalendarDate } from "../../../domain/dates";
import {
  ALLIANCE_SECTIONS,
  CONTRIBUTION_KINDS,
  CUSTOM_KEY_PATTERN,
  ENTRY_DOORS,
  LIFECYCLE_STAGES,
  MECENAT_FORMS,
  MODES,
} from "../../../domain/alliances";
import { ORGANISATION_KINDS } from "../../../domain/identifiers";
import { isSdgTarget } from "../../../domain/sdg";
import { TERRITORY_LEVELS } from "../../../domain/territory";
import { NewOrganisationInput } from "../organisations/schemas";
import { InvitationTokenInput } from "../members/schemas";

const isoDate = z.string().refine(isCalendarDate, { message: "errors.dates.format" });
const listKey = z.string().trim().regex(CUSTOM_KEY_PATTERN, { message: "errors.alliance.key" }).max(60);

const party = z
  .object({ organisationId: z.uuid().nullish(), organisation: NewOrganisationInput.nullish(), role: listKey })
  .refine((p) => Boolean(p.organisationId) !== Boolean(p.organisation), { message: "errors.alliance.partnerChoice" });

const modePeriod = z
  .object({
    mode: z.enum(MODES, { message: "errors.alliance.mode" }),
    mecenatForms: z.array(z.enum(MECENAT_FORMS)).max(4).default([]),
    startsOn: isoDate,
    endsOn: isoDate.nullish(),
  })
  .refine((p) => p.mode === "mecenat" || p.mecenatForms.length === 0, {
    message: "errors.alliance.formsOnlyForMecenat",
    path: ["mecenatForms"],
  })
  .refine((p) => !p.endsOn || p.endsOn >= p.startsOn, { message: "errors.dates.order", path: ["endsOn"] });

const fields = {
  title: z
    .string()
    .trim()
    .min(3, { message: "errors.alliance.titleLength" })
    .max(200, { message: "errors.alliance.titleLength" }),
  summary: z.string().trim().max(5000).nullish(),
  keyResults: z.string().trim().max(3000).nullish(),
  stage: z.enum(LIFECYCLE_STAGES, { message: "errors.alliance.stage" }),
  startsOn: isoDate.nullish(),
  endsOn: isoDate.nullish(),
  ownRole: listKey,
  partners: z.array(party).min(1, { message: "errors.alliance.partnersMin" }).max(50),
  modes: z.array(modePeriod).min(1, { message: "errors.alliance.modesMin" }).max(20),
  sdgTargets: z
    .array(
      z.object({
        target: z.string().refine(isSdgTarget, { message: "errors.alliance.sdgTarget" }),
        isPrimary: z.boolean().default(false),
      }),
    )
    .max(169)
    .default([]),
  territory: z.object({
    scope: z.enum(TERRITORY_LEVELS),
    codes: z.array(z.string().trim().min(2).max(9)).max(50).default([]),
  }),
  entryDoors: z.array(z.enum(ENTRY_DOORS)).max(ENTRY_DOORS.length).default([]),
  engagements: z
    .array(
      z.object({
        scheme: listKey,
        employees: z.number().int().min(0).max(1_000_000).nullish(),
        hours: z.number().min(0).max(10_000_000).nullish(),
      }),
    )
    .max(30)
    .default([]),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
};

type Fields = z.infer<z.ZodObject<typeof fields>>;

/** Rules across fields, shared by create and update. */
function crossChecks(value: Fields, ctx: z.RefinementCtx) {
  if (value.startsOn && value.endsOn && value.endsOn < value.startsOn) {
    ctx.addIssue({ code: "custom", message: "errors.dates.order", path: ["endsOn"] });
  }
  if (value.sdgTargets.length > 0 && value.sdgTargets.filter((t) => t.isPrimary).length !== 1) {
    ctx.addIssue({ code: "custom", message: "errors.alliance.onePrimary", path: ["sdgTargets"] });
  }
  if (new Set(value.sdgTargets.map((t) => t.target)).size !== value.sdgTargets.length) {
    ctx.addIssue({ code: "custom", message: "errors.alliance.sdgTwice", path: ["sdgTargets"] });
  }
  if (value.territory.scope === "national" ? value.territory.codes.length > 0 : value.territory.codes.length === 0) {
    ctx.addIssue({ code: "custom", message: "errors.territory.codes", path: ["territory"] });
  }
}

export const CreateAllianceInput = z.object(fields).superRefine(crossChecks);
export type CreateAllianceInput = z.infer<typeof CreateAllianceInput>;

export const UpdateAllianceInput = z
  .object({ ...fields, id: z.uuid(), version: z.number().int().min(1) })
  .superRefine(crossChecks);
export type UpdateAllianceInput = z.infer<typeof UpdateAllianceInput>;

export const AllianceIdInput = z.object({ id: z.uuid() });

/** The alliance page's reads: everything, or what one of its sections shows. */
export const AllianceViewInput = AllianceIdInput.extend({ section: z.enum(ALLIANCE_SECTIONS).optional() });

export const SORTABLE = ["title", "partners", "mode", "stage", "sdg", "startsOn", "updatedAt"] as const;

/** The list's filters: every one is optional, and all of them live in the page's URL. */
export const ListAlliancesInput = z.object({
  q: z.string().trim().max(200).nullish(),
  stage: z.enum(LIFECYCLE_STAGES).nullish(),
  mode: z.enum(MODES).nullish(),
  mecenatForm: z.enum(MECENAT_FORMS).nullish(),
  entryDoor: z.enum(ENTRY_DOORS).nullish(),
  sdgGoal: z.number().int().min(1).max(17).nullish(),
  sdgTarget: z.string().refine(isSdgTarget).nullish(),
  region: z.string().max(3).nullish(),
  departement: z.string().max(3).nullish(),
  partnerId: z.uuid().nullish(),
  partnerKind: z.enum(ORGANISATION_KINDS).nullish(),
  /** The questioning process at the alliance's current stage: every question answered, or not yet. */
  guide: z.enum(["complete", "incomplete"]).nullish(),
  tag: z.string().max(40).nullish(),
  from: isoDate.nullish(),
  to: isoDate.nullish(),
  archived: z.boolean().default(false),
  sort: z.enum(SORTABLE).default("updatedAt"),
  direction: z.enum(["asc", "desc"]).default("desc"),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(5).max(100).default(25),
});
export type ListAlliancesInput = z.infer<typeof ListAlliancesInput>;

export const AddContributionInput = z.object({
  allianceId: z.uuid(),
  partyId: z.uuid(),
  kind: z.enum(CONTRIBUTION_KINDS.map((k) => k.key) as [string, ...string[]], { message: "errors.contribution.kind" }),
  quantity: z.number().positive({ message: "errors.contribution.quantity" }).max(1e11),
  unit: z.string().trim().min(1).max(20).nullish(),
  valueEuros: z.number().min(0).max(1e11).nullish(),
  occurredOn: isoDate,
  note: z.string().trim().max(1000).nullish(),
});
export type AddContributionInput = z.infer<typeof AddContributionInput>;

export const DeleteContributionInput = z.object({ allianceId: z.uuid(), contributionId: z.uuid() });

export const AddTimelineEntryInput = z.object({
  allianceId: z.uuid(),
  kind: z.enum(["note", "meeting", "milestone", "document"]),
  title: z.string().trim().min(2, { message: "errors.timeline.title" }).max(200),
  body: z.string().trim().max(5000).nullish(),
  url: z
    .string()
    .trim()
    .url({ message: "errors.timeline.url" })
    .max(500)
    .nullish()
    .or(z.literal("").transform(() => null)),
  occurredOn: isoDate,
});
export type AddTimelineEntryInput = z.infer<typeof AddTimelineEntryInput>;

export const RequestAudienceInput = z.object({ allianceId: z.uuid(), audience: z.enum(["territory", "public"]) });

export const ApproveAudienceInput = z.object({ allianceId: z.uuid(), revision: z.number().int().positive() });

export const PartyInput = z.object({ allianceId: z.uuid(), partyId: z.uuid() });

export const RespondInput = z.object({ partyId: z.uuid(), accept: z.boolean() });

export const AnswerMentionInput = z.object({ partyId: z.uuid(), appear: z.boolean() });

export const InviteByEmailInput = z.object({
  allianceId: z.uuid(),
  partyId: z.uuid(),
  email: z.email({ message: "errors.email" }).transform((e) => e.toLowerCase()),
});

export const SavePrivateNotesInput = z.object({
  allianceId: z.uuid(),
  notes: z.string().trim().max(10_000).nullish(),
  internalOwner: z.string().trim().max(120).nullish(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  /** The version read; 0 when the workspace had no private notes yet. */
  version: z.number().int().min(0),
});

export const AddPrivateEntryInput = z.object({
  allianceId: z.uuid(),
  kind: z.enum(["timeline", "budget"]),
  title: z.string().trim().min(2, { message: "errors.timeline.title" }).max(200),
  amountEuros: z.number().min(-1e11).max(1e11).nullish(),
  occurredOn: z.string().refine(isCalendarDate, { message: "errors.dates.format" }),
});

export const SaveSdgClaimsInput = z.object({
  allianceId: z.uuid(),
  claims: z
    .array(
      z.object({
        target: z.string().regex(/^\d{1,2}\.[0-9a-z]{1,2}$/),
        sharePercent: z.number().int().min(1).max(100),
      }),
    )
    .max(169),
});

/** The same kind of token as a member invitation's. */
export const PartyInvitationTokenInput = InvitationTokenInput;

export type SavePrivateNotesInput = z.infer<typeof SavePrivateNotesInput>;

export type AddPrivateEntryInput = z.infer<typeof AddPrivateEntryInput>;

export const SaveViewInput = z.object({
  name: z.string().trim().min(2, { message: "errors.views.name" }).max(80, { message: "errors.views.name" }),
  /** The list page's query string, without the leading "?". */
  query: z
    .string()
    .max(2000)
    .regex(/^[^?#]*$/),
});

export type SaveViewInput = z.infer<typeof SaveViewInput>;
