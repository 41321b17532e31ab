import { z } from "zod";
import { PageOrganisationsInput, pageOrganisations } from "../../api/pages";
import { organisationDirectory } from "../../services/exchange/organisation-directory";
import { matchOrganisationByIdentifiers } from "../../services/organisations/find-or-create-organisation";
import { suggestOrganisations } from "../../services/organisations/suggest-organisations";
import {
  MatchIdentifiersInput,
  SearchPartnersInput,
  SuggestOrganisationsInput,
} from "../../services/organisations/schemas";
import { searchPartners } from "../../services/organisations/search-partners";
import { AddContactInput, SaveOrganisationNotesInput } from "../../services/organisations/schemas";
import { addContact } from "../../services/organisations/add-contact";
import { deleteContact } from "../../services/organisations/delete-contact";
import { getOrganisation } from "../../services/organisations/get-organisation";
import { listWorkspaceOrganisations } from "../../services/organisations/list-workspace-organisations";
import { saveOrganisationNotes } from "../../services/organisations/save-organisation-notes";
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
  /** The alliance list's partner filter: the workspace's partners by name, 20 at most. */
  searchPartners: workspaceProcedure
    .meta({ permission: "organisations.read" })
    .input(SearchPartnersInput)
    .query(({ ctx, input }) => searchPartners(ctx.workspace, withoutSlug(input))),
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
