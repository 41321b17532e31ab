/**
 * Lighthouse's performance score of one signed-in page, in Debian's Chromium (CHROME_PATH, or
 * /usr/bin/chromium). Lighthouse's default (mobile) settings are used: a mid-range phone on a
 * throttled 4G connection, simulated, which is the stricter of its two presets.
 */
import { existsSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const CHROMIUM_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export async function lighthouseScore(pageUrl: string, sessionToken: string): Promise<number | null> {
  const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
  if (!existsSync(chromePath)) return null;
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROMIUM_FLAGS });
  try {
    const result = await lighthouse(pageUrl, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance"],
      extraHeaders: { Cookie: `maillage.session-token=${sessionToken}` },
    });
    const score = result?.lhr.categories.performance?.score;
    return typeof score === "number" ? Math.round(score * 100) : null;
  } finally {
    chrome.kill();
  }
}
