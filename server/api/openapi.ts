import { z } from "zod";
import { AddContributionInput, CreateAllianceInput, UpdateAllianceInput } from "../services/alliances/schemas";
import { AddIndicatorInput, AddResultInput } from "../services/evaluation/schemas";

/** A JSON Schema of what a client sends (zod's input side), without the fields the path gives. */
function body(schema: z.ZodType, omit: string[] = []) {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  for (const key of omit) {
    delete json.properties?.[key];
    json.required = json.required?.filter((r) => r !== key);
  }
  return json;
}

const id = (name: string, what: string) => ({
  name,
  in: "path",
  required: true,
  description: what,
  schema: { type: "string", format: "uuid" },
});
const cursor = [
  {
    name: "cursor",
    in: "query",
    required: false,
    description: "The nextCursor of the previous page.",
    schema: { type: "string" },
  },
  {
    name: "limit",
    in: "query",
    required: false,
    description: "Items per page, 1 to 200 (default 50).",
    schema: { type: "integer", minimum: 1, maximum: 200 },
  },
];
const error = { $ref: "#/components/responses/Error" };
const errors = { "400": error, "401": error, "403": error, "404": error, "409": error, "429": error, "503": error };
const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });

/**
 * The OpenAPI 3.1 description of the HTTP API, built from the same zod schemas the procedures
 * validate with, so the documentation cannot drift from what the server accepts.
 */
export function openApiDocument(serverUrl: string) {
  const idempotency = {
    name: "Idempotency-Key",
    in: "header",
    required: false,
    description:
      "Any unique value per request (a UUID): a retry with the same key and body answers the first answer, never writes twice.",
    schema: { type: "string", minLength: 1, maxLength: 200 },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Maillage API",
      version: "1",
      description:
        "Read and write a workspace's alliances, organisations, contributions and indicators. Authenticate with a workspace API token " +
        "(created by an admin under Settings → API): `Authorization: Bearer mlg_…`. A read token may call the GET routes only. Lists are " +
        "paginated with an opaque cursor. Errors come as `{ error: { code, message, fields?, requestId } }`, messages in the language of " +
        "`Accept-Language` (French or English). Each token may make a limited number of calls per minute (`X-RateLimit-*` headers; 429 with " +
        "`Retry-After` beyond). Every call is recorded in the workspace's audit log. Write routes accept an `Idempotency-Key` header: " +
        "the same key and body within 24 hours get the first answer back instead of a second write (409 if the key was used for " +
        "another request). While the database is briefly out of reach, calls answer 503 with `Retry-After`: retry writes with their key.",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ token: [] }],
    components: {
      securitySchemes: { token: { type: "http", scheme: "bearer", description: "A workspace API token (mlg_…)." } },
      responses: {
        Error: {
          description: "Refused or failed",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  error: {
                    type: "object",
                    properties: {
                      code: { type: "string" },
                      message: { type: "string" },
                      fields: { type: "object", additionalProperties: { type: "string" } },
                      requestId: { type: "string" },
                    },
                    required: ["code", "message", "requestId"],
                  },
                },
              },
            },
          },
        },
      },
    },
    paths: {
      "/alliances": {
        get: {
          summary: "List alliances",
          description: "Most recently updated first. Filters as in the app's list.",
          parameters: [
            ...cursor,
            ...["q", "stage", "mode", "sdgTarget", "region", "departement", "tag"].map((name) => ({
              name,
              in: "query",
              required: false,
              schema: { type: "string" },
            })),
            { name: "sdgGoal", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 17 } },
            { name: "archived", in: "query", required: false, schema: { type: "boolean" } },
          ],
          responses: { "200": ok("{ items, nextCursor }"), ...errors },
        },
        post: {
          summary: "Create an alliance (read-write token)",
          parameters: [idempotency],
          requestBody: { required: true, content: { "application/json": { schema: body(CreateAllianceInput) } } },
          responses: { "201": ok("{ id }"), ...errors },
        },
      },
      "/alliances/{id}": {
        get: {
          summary: "An alliance with its parties, modes, SDG targets, territory and contributions",
          parameters: [id("id", "Alliance")],
          responses: { "200": ok("The alliance"), ...errors },
        },
        put: {
          summary: "Replace an alliance's details (read-write token)",
          description:
            "Send the `version` you read: if someone saved in between, 409 comes back and nothing is written.",
          parameters: [id("id", "Alliance"), idempotency],
          requestBody: {
            required: true,
            content: { "application/json": { schema: body(UpdateAllianceInput, ["id"]) } },
          },
          responses: { "200": ok("{ id, version }"), ...errors },
        },
      },
      "/alliances/{id}/contributions": {
        get: {
          summary: "The alliance's contribution ledger, with totals",
          parameters: [id("id", "Alliance")],
          responses: { "200": ok("{ items, totals }"), ...errors },
        },
        post: {
          summary: "Add a contribution (read-write token)",
          parameters: [id("id", "Alliance"), idempotency],
          requestBody: {
            required: true,
            content: { "application/json": { schema: body(AddContributionInput, ["allianceId"]) } },
          },
          responses: { "201": ok("The contribution"), ...errors },
        },
      },
      "/alliances/{id}/indicators": {
        get: {
          summary: "The alliance's indicators and their results",
          parameters: [id("id", "Alliance")],
          responses: { "200": ok("{ items }"), ...errors },
        },
        post: {
          summary: "Add an indicator (read-write token)",
          parameters: [id("id", "Alliance"), idempotency],
          requestBody: {
            required: true,
            content: { "application/json": { schema: body(AddIndicatorInput, ["allianceId"]) } },
          },
          responses: { "201": ok("The indicator"), ...errors },
        },
      },
      "/alliances/{id}/indicators/{indicatorId}/results": {
        post: {
          summary: "Record a result of an indicator (read-write token)",
          parameters: [id("id", "Alliance"), id("indicatorId", "Indicator"), idempotency],
          requestBody: {
            required: true,
            content: { "application/json": { schema: body(AddResultInput, ["allianceId", "indicatorId"]) } },
          },
          responses: { "201": ok("The result"), ...errors },
        },
      },
      "/organisations": {
        get: {
          summary: "Organisations the workspace works with, by name",
          parameters: cursor,
          responses: { "200": ok("{ items, nextCursor }"), ...errors },
        },
      },
      "/organisations/{id}": {
        get: {
          summary: "An organisation, with the workspace's private notes, tags and contacts",
          parameters: [id("id", "Organisation")],
          responses: { "200": ok("The organisation"), ...errors },
        },
      },
    },
  };
}
