import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { reportPdf } from "../../server/files/sdg-report-pdf";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { overlaps, pdfPages, renderPage, type TextBox } from "../helpers/pdf-layout";
import { allianceInput, createWorkspaceWithRoles } from "../factories";

const { db } = await openTestDatabase();
const year = new Date().getUTCFullYear();

/** Where the rendered page is written, for the record (.ci/run names it; Playwright empties test-results/). */
export const RENDERED_PAGE = path.resolve(".ci-out/sdg-report-page-3.png");

describe("the SDG report's PDF layout", () => {
  it(
    "has a cover, page numbers, a header row on every page of a table, and no two cells over each other",
    { timeout: 60_000 },
    async () => {
      const f = await createWorkspaceWithRoles(db);
      const owner = callerFor(db, f.users.owner);
      const ws = f.workspace.slug;
      // 45 alliances with long titles and partners on 4.4 (primary) and 8.6: each goal's table runs over several pages.
      for (let i = 0; i < 45; i++) {
        const { id } = await owner.alliances.create({
          workspaceSlug: ws,
          ...allianceInput({
            title: `Parcours d'insertion par l'activité économique et la formation qualifiante des jeunes du quartier ${String(i).padStart(2, "0")}`,
            partners: [
              {
                organisation: {
                  name: `Groupement d'employeurs pour l'insertion et la qualification numéro ${i}`,
                  kind: "association",
                },
                role: "partenaire",
              },
            ],
            sdgTargets: [
              { target: "4.4", isPrimary: true },
              { target: "8.6", isPrimary: false },
            ],
            startsOn: `${year - 1}-01-01`,
          }),
        });
        const mine = (await owner.alliances.get({ workspaceSlug: ws, id })).parties.find((p) => p.isMine)!.id;
        await owner.alliances.addContribution({
          workspaceSlug: ws,
          allianceId: id,
          partyId: mine,
          kind: "argent",
          quantity: 1000 + i,
          valueEuros: 1000 + i,
          occurredOn: `${year}-03-01`,
        });
      }
      const report = await owner.dashboards.sdgReport({ workspaceSlug: ws, year, full: true });
      const pdf = await reportPdf(report, "fr");
      const pages = await pdfPages(pdf);
      const text = (page: TextBox[]) => page.map((b) => b.text).join(" ");

      // The cover: workspace, year, total and rule.
      expect(text(pages[0]!)).toContain(f.workspace.name);
      expect(text(pages[0]!)).toContain(String(year));
      expect(text(pages[0]!)).toContain("Règle de répartition");
      expect(pages.length).toBeGreaterThanOrEqual(6);

      pages.forEach((page, index) => {
        // Every page is numbered "Page n sur N".
        expect(text(page), `page ${index + 1}`).toContain(`Page ${index + 1} sur ${pages.length}`);
        // No run of text sits over another.
        expect(
          overlaps(page).map(([a, b]) => `${a.text} / ${b.text}`),
          `overlapping text on page ${index + 1}`,
        ).toEqual([]);
      });

      // Every page that carries rows of an alliance table carries its header row, above the rows,
      // and every cell stays within its column (it starts at or after its header and ends before the next one).
      const tablePages = pages.filter((page) => page.some((b) => /^(4\.4|8\.6)$/.test(b.text)));
      expect(tablePages.length).toBeGreaterThanOrEqual(4);
      for (const page of tablePages) {
        const headers = ["Cible", "Alliance", "Partenaires"].map((label) => page.find((b) => b.text === label));
        expect(headers.every(Boolean), `header row on a page of rows: ${text(page).slice(0, 200)}`).toBe(true);
        const [target, alliance, partners] = headers as TextBox[];
        // The header of the numeric columns (claimed share, allocated share, euros, hours), right of "Partenaires".
        const numeric = page.filter((b) => Math.abs(b.y - partners!.y) < 1 && b.x > partners!.x + 1);
        // Their labels wrap on whole words; the first line of each: "Part (revendiquée)", "Part (attribuée)", "Contributions (propres…)", "Heures (propres…)".
        expect(numeric.sort((a, b) => a.x - b.x).map((b) => b.text)).toEqual([
          "Part",
          "Part",
          "Contributions",
          "Heures",
        ]);
        const firstRow = Math.max(...page.filter((b) => /^(4\.4|8\.6)$/.test(b.text)).map((b) => b.y));
        expect(target!.y).toBeGreaterThan(firstRow);
        // A title stays in its column: it ends before the partners' column begins.
        for (const b of page.filter((b) => Math.abs(b.x - alliance!.x) < 0.5 && b.y < target!.y - 1)) {
          expect(b.x + b.width, b.text).toBeLessThanOrEqual(partners!.x + 0.5);
        }
        // On every line, each run ends before the next one to its right begins.
        const lines = new Map<number, TextBox[]>();
        for (const b of page) lines.set(Math.round(b.y), [...(lines.get(Math.round(b.y)) ?? []), b]);
        for (const line of lines.values()) {
          const sorted = [...line].sort((a, b) => a.x - b.x);
          sorted
            .slice(1)
            .forEach((b, i) =>
              expect(sorted[i]!.x + sorted[i]!.width, `${sorted[i]!.text} / ${b.text}`).toBeLessThanOrEqual(b.x + 0.5),
            );
        }
        // The target code and the title are apart ("4.4Parcours…" was the defect).
        expect(page.some((b) => /^\d+\.\d+\S/.test(b.text))).toBe(false);
      }

      // One page rendered to PNG, to look at.
      await renderPage(pdf, 3, RENDERED_PAGE);
      expect(existsSync(RENDERED_PAGE) && statSync(RENDERED_PAGE).size > 10_000).toBe(true);
    },
  );
});
