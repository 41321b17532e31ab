import { accountRouter } from "./routers/account";
import { alliancesRouter } from "./routers/alliances";
import { memberInvitationsRouter } from "./routers/member-invitations";
import { operatorRouter } from "./routers/operator";
import { organisationsRouter } from "./routers/organisations";
import { partyInvitationsRouter } from "./routers/party-invitations";
import { savedViewsRouter } from "./routers/saved-views";
import { placesRouter } from "./routers/places";
import { auditRouter } from "./routers/audit";
import { importsRouter } from "./routers/imports";
import { exportsRouter } from "./routers/exports";
import { apiTokensRouter } from "./routers/api-tokens";
import { webhooksRouter } from "./routers/webhooks";
import { dashboardsRouter } from "./routers/dashboards";
import { evaluationRouter } from "./routers/evaluation";
import { notificationsRouter } from "./routers/notifications";
import { territoriesRouter } from "./routers/territories";
import { libraryRouter } from "./routers/library";
import { networkRouter } from "./routers/network";
import { observatoryRouter } from "./routers/observatory";
import { membersRouter } from "./routers/members";
import { toolsRouter } from "./routers/tools";
import { guideRouter } from "./routers/guide";
import { maturityRouter } from "./routers/maturity";
import { workspacesRouter } from "./routers/workspaces";
import { createCallerFactory, router } from "./procedures";

/** One router per file under routers/, the file named after its key here. */
export const appRouter = router({
  workspaces: workspacesRouter,
  members: membersRouter,
  memberInvitations: memberInvitationsRouter,
  audit: auditRouter,
  alliances: alliancesRouter,
  organisations: organisationsRouter,
  places: placesRouter,
  savedViews: savedViewsRouter,
  notifications: notificationsRouter,
  partyInvitations: partyInvitationsRouter,
  evaluation: evaluationRouter,
  dashboards: dashboardsRouter,
  territories: territoriesRouter,
  operator: operatorRouter,
  imports: importsRouter,
  exports: exportsRouter,
  apiTokens: apiTokensRouter,
  account: accountRouter,
  webhooks: webhooksRouter,
  library: libraryRouter,
  observatory: observatoryRouter,
  network: networkRouter,
  tools: toolsRouter,
  guide: guideRouter,
  maturity: maturityRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
