import { z } from "zod";
import { PageOrganisationsInput, pageOrganisations } from "../../api/pages";
import { organisationDirectory } from "../../services/exchange/exports";
import {
  matchOrganisationByIdentifiers,
  suggestOrganisations,
} from "../../services/organisations/find-or-create-organisation";
import { MatchIdentifiersInput, SuggestOrganisationsInput } from "../../services/organisations/schemas";
import {
  AddContactInput,
  addContact,
  deleteContact,
  getOrganisation,
  listWorkspaceOrganisations,
  SaveOrganisationNotesInput,
  saveOrganisationNotes,
} from "../../services/organisations/private-layer";
import { router, withoutSlug, workspaceProcedure } from "../procedures";

export const organisationsRouter = router({
  suggest: workspaceProcedure
    .meta({ permission: "organisations.read" })
    .input(SuggestOrganisationsInput)
    .query(({ ctx, input }) => suggestOrganisations(ctx.workspace, input.query)),
  matchIdentifiers: workspaceProcedure
    .meta({ permission: "organisations.read" })
    .input(MatchIdentifiersInput)
    .query(({ ctx, input }) => matchOrganisationByIdentifiers(ctx.workspace, withoutSlug(input))),
  list: workspaceProcedure
    .meta({ permission: "organisations.read" })
    .query(({ ctx }) => listWorkspaceOrganisations(ctx.workspace)),
  page: workspaceProcedure
    .meta({ permission: "organisations.read" })
    .input(PageOrganisationsInput)
    .query(({ ctx, input }) => pageOrganisations(ctx.workspace, withoutSlug(input))),
  exportDirectory: workspaceProcedure
    .meta({ permission: "organisations.read" })
    .query(({ ctx }) => organisationDirectory(ctx.workspace, ctx.workspace.locale)),
  get: workspaceProcedure
    .meta({ permission: "organisations.read" })
    .input(z.object({ id: z.uuid() }))
    .query(({ ctx, input }) => getOrganisation(ctx.workspace, input.id)),
  saveNotes: workspaceProcedure
    .meta({ permission: "organisations.write" })
    .input(SaveOrganisationNotesInput)
    .mutation(({ ctx, input }) => saveOrganisationNotes(ctx.workspace, withoutSlug(input))),
  addContact: workspaceProcedure
    .meta({ permission: "organisations.write" })
    .input(AddContactInput)
    .mutation(({ ctx, input }) => addContact(ctx.workspace, withoutSlug(input))),
  deleteContact: workspaceProcedure
    .meta({ permission: "organisations.write" })
    .input(z.object({ contactId: z.uuid() }))
    .mutation(({ ctx, input }) => deleteContact(ctx.workspace, input)),
});
