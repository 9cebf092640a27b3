// Debian's chromium driven by playwright-core: headless, no sandbox (root in CI), no network chatter,
// a fresh profile per launch. Suites skip locally (and fail in CI) when /usr/bin/chromium is missing.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const chromiumMissing = existsSync(CHROMIUM)
  ? undefined
  : `${CHROMIUM} is missing (apt-get install -y chromium)`;
/** In CI a missing browser is a failure, locally a skip. */
export const skipBrowser = chromiumMissing !== undefined && process.env.CI !== "true";
if (skipBrowser) console.warn(`skipping browser tests: ${chromiumMissing}`);

export async function launchChromium(
  options: { offline?: boolean } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "dgm-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    offline: options.offline ?? false,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
