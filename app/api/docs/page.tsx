import type { Metadata } from "next";
import { getTranslations } from "@/server/i18n/server-translations";
import { env } from "@/env";
import { openApiDocument } from "@/server/api/openapi";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiDocs"))("title") };
}

type Operation = {
  summary: string;
  description?: string;
  parameters?: Array<{ name: string; in: string; required: boolean; description?: string; schema: { type: string } }>;
  requestBody?: { content: { "application/json": { schema: unknown } } };
  responses: Record<string, { description?: string } | { $ref: string }>;
};

/** The HTTP API's documentation, rendered from its OpenAPI description (also served as JSON). */
export default async function ApiDocsPage() {
  const t = await getTranslations("apiDocs");
  const doc = openApiDocument(env().APP_URL);
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, op]) => ({
      path,
      method: method.toUpperCase(),
      op,
    })),
  );
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <ul className="list-disc space-y-1 pl-6">
        <li>{t("auth")}</li>
        <li>{t("scopes")}</li>
        <li>{t("pagination")}</li>
        <li>{t("errors")}</li>
        <li>{t("limits")}</li>
      </ul>
      <p>
        {t("base")} <code className="rounded bg-slate-100 px-1">{doc.servers[0]!.url}</code> ·{" "}
        <a href="/api/v1/openapi.json">{t("json")}</a>
      </p>
      <nav aria-labelledby="routes-title">
        <h2 id="routes-title" className="text-lg font-semibold">
          {t("routes")}
        </h2>
        <ul className="list-disc pl-6">
          {operations.map(({ path, method }) => (
            <li key={`${method} ${path}`}>
              <a href={`#${method}-${path.replace(/[^a-z]+/gi, "-")}`}>
                <code>
                  {method} {path}
                </code>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {operations.map(({ path, method, op }) => (
        <section
          key={`${method} ${path}`}
          id={`${method}-${path.replace(/[^a-z]+/gi, "-")}`}
          className="space-y-2 rounded-md border border-slate-300 bg-white p-4"
        >
          <h2 className="text-lg font-semibold">
            <code>
              {method} {path}
            </code>
          </h2>
          <p>{op.summary}</p>
          {op.description ? <p className="text-sm text-slate-700">{op.description}</p> : null}
          {op.parameters?.length ? (
            <table className="w-full text-left text-sm">
              <caption className="text-left font-medium">{t("parameters")}</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="py-1 pr-3">
                    {t("name")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("in")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("type")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("description")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {op.parameters.map((p) => (
                  <tr key={p.name} className="border-b border-slate-200">
                    <td className="py-1 pr-3">
                      <code>{p.name}</code>
                      {p.required ? ` (${t("required")})` : ""}
                    </td>
                    <td className="py-1 pr-3">{p.in}</td>
                    <td className="py-1 pr-3">{p.schema.type}</td>
                    <td className="py-1 pr-3">{p.description ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {op.requestBody ? (
            <details>
              <summary className="cursor-pointer font-medium">{t("body")}</summary>
              <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-100 p-2 text-xs" tabIndex={0}>
                {JSON.stringify(op.requestBody.content["application/json"].schema, null, 2)}
              </pre>
            </details>
          ) : null}
          <p className="text-sm">
            {t("responses")}{" "}
            {Object.entries(op.responses)
              .map(([status, r]) => ("description" in r && r.description ? `${status} ${r.description}` : status))
              .join(" · ")}
          </p>
        </section>
      ))}
    </div>
  );
}
