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
    .input(SuggestOrganisationsInput)
    .query(({ ctx, input }) => suggestOrganisations(ctx.workspace, input.query)),
  matchIdentifiers: workspaceProcedure
    .input(MatchIdentifiersInput)
    .query(({ ctx, input }) => matchOrganisationByIdentifiers(ctx.workspace, withoutSlug(input))),
  list: workspaceProcedure.query(({ ctx }) => listWorkspaceOrganisations(ctx.workspace)),
  page: workspaceProcedure
    .input(PageOrganisationsInput)
    .query(({ ctx, input }) => pageOrganisations(ctx.workspace, withoutSlug(input))),
  exportDirectory: workspaceProcedure.query(({ ctx }) => organisationDirectory(ctx.workspace, ctx.workspace.locale)),
  get: workspaceProcedure
    .input(z.object({ id: z.uuid() }))
    .query(({ ctx, input }) => getOrganisation(ctx.workspace, input.id)),
  saveNotes: workspaceProcedure
    .input(SaveOrganisationNotesInput)
    .mutation(({ ctx, input }) => saveOrganisationNotes(ctx.workspace, withoutSlug(input))),
  addContact: workspaceProcedure
    .input(AddContactInput)
    .mutation(({ ctx, input }) => addContact(ctx.workspace, withoutSlug(input))),
  deleteContact: workspaceProcedure
    .input(z.object({ contactId: z.uuid() }))
    .mutation(({ ctx, input }) => deleteContact(ctx.workspace, input)),
});
