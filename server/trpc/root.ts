import {
  alliancesRouter,
  organisationsRouter,
  partyInvitationsRouter,
  savedViewsRouter,
  territoryRouter,
} from "./routers/alliances";
import { auditRouter } from "./routers/audit";
import { importsRouter } from "./routers/imports";
import { apiTokensRouter } from "./routers/api-tokens";
import { webhooksRouter } from "./routers/webhooks";
import { dashboardsRouter } from "./routers/dashboards";
import { evaluationRouter } from "./routers/evaluation";
import { notificationsRouter } from "./routers/notifications";
import { operatorRouter, territoriesRouter } from "./routers/territories";
import { invitationsRouter, membersRouter } from "./routers/members";
import { accountRouter, workspacesRouter } from "./routers/workspaces";
import { createCallerFactory, router } from "./procedures";

export const appRouter = router({
  workspaces: workspacesRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  audit: auditRouter,
  alliances: alliancesRouter,
  organisations: organisationsRouter,
  territory: territoryRouter,
  savedViews: savedViewsRouter,
  notifications: notificationsRouter,
  partyInvitations: partyInvitationsRouter,
  evaluation: evaluationRouter,
  dashboards: dashboardsRouter,
  territories: territoriesRouter,
  operator: operatorRouter,
  imports: importsRouter,
  apiTokens: apiTokensRouter,
  account: accountRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
