// The HTML report and the web UI in a real headless browser (Debian's chromium via playwright-core).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRunView, type ReportServer, renderHtmlReport, startReportServer } from "../../src/report/index.ts";
import { buildLargeRun, buildSmallRun, type Fixture } from "../fixtures/archives/build.ts";
import { tempDir } from "../support/temp.ts";
import { launchChromium, skipBrowser } from "./browser.ts";

/** Pixels of an element's screenshot that differ from the tree box's background (decoded in the page). */
async function inkedPixels(page: Page, selector: string): Promise<number> {
  const png = (await page.locator(selector).screenshot()).toString("base64");
  // Page-side code as a string: this project's TypeScript has no DOM types.
  return page.evaluate(`(async () => {
    const image = new Image();
    image.src = "data:image/png;base64,${png}";
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext("2d");
    ctx.drawImage(image, 0, 0);
    const pixels = ctx.getImageData(0, 0, image.width, image.height).data;
    let inked = 0;
    // The box background is #fafafa; count clearly darker or coloured pixels.
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 200 || pixels[i + 1] < 200 || pixels[i + 2] < 200) inked++;
    return inked;
  })()`) as Promise<number>;
}

describe.skipIf(skipBrowser)("in a headless browser", () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let small: Fixture;
  let server: ReportServer;
  beforeAll(async () => {
    browser = await launchChromium();
    small = await buildSmallRun();
    server = await startReportServer(small.archive);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await browser?.close();
    await small?.dispose();
  });

  it("the report opens offline, shows every one of 1,000 agents, and the tree renders (non-blank pixels)", async () => {
    const large = await buildLargeRun(1000);
    const file = join(tempDir("report"), "report.html");
    await writeFile(file, renderHtmlReport(loadRunView(large.archive, large.runId)!));
    await large.dispose();

    const page = await browser.context.newPage();
    const requests: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith("file://") && !request.url().startsWith("data:")) requests.push(request.url());
    });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await browser.context.setOffline(true);
    try {
      await page.goto(`file://${file}`);
      expect(await page.locator("svg.agent-tree .agent-node").count()).toBe(1000);
      expect(await page.locator("svg.agent-tree .agent-node.best").count()).toBe(1);
      expect(await page.locator("svg.progress path").count()).toBeGreaterThanOrEqual(3);
      expect(await inkedPixels(page, ".tree-box")).toBeGreaterThan(2000);
      // Zooming in with the wheel shrinks the viewBox.
      const before = await page.locator("#tree").getAttribute("viewBox");
      await page.locator("#tree").hover();
      await page.mouse.wheel(0, -400);
      expect(await page.locator("#tree").getAttribute("viewBox")).not.toBe(before);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.context.setOffline(false);
      await page.close();
    }
  }, 60_000);

  it("the web UI lists runs, shows a node's diff and problem statement on click, and updates live", async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(server.url);
    await expect.poll(() => page.locator("#tree .agent-node").count()).toBe(5);
    expect(await page.locator("#runs-list button").first().textContent()).toContain(small.runId);

    // Click the node's shape (its first child is the <title>), as a person would, not its label.
    await page.locator(`#tree .agent-node[data-id="${small.agents.best!.id}"] > :nth-child(2)`).click();
    await expect
      .poll(() => page.locator("#agent-diff").textContent())
      .toContain('+export const tools: string[] = ["bash", "editor", "tests"];');
    expect(await page.locator("#problem-statement").textContent()).toContain("Run the tests after every edit");
    // best passed 3/3 where the seed passed 1/3: its interval and the paired test sit under its scores.
    expect(await page.locator("#agent-confidence").textContent()).toContain(
      "vs seed on 3 shared tasks: 3 vs 1 passed, +2 (2 only this agent, 0 only the seed), McNemar exact p = 0.50",
    );
    expect(await page.locator("#final-pick").isHidden()).toBe(true);
    expect(await page.locator("#detail table").first().textContent()).toContain("repo-ts-cache");
    expect(await inkedPixels(page, "#tree-box")).toBeGreaterThan(200);

    // A trajectory from the seed's evaluations opens from its per-task results.
    await page.locator(`#tree .agent-node[data-id="${small.agents.seed!.id}"] > :nth-child(2)`).click();
    await page.getByRole("button", { name: "show" }).first().click();
    await expect.poll(() => page.locator("#trajectory").textContent()).toContain('"type":"end"');

    // Live: a new agent and its event appear without a reload.
    const { a } = small.agents;
    const kid = small.archive.createAgent({
      runId: small.runId,
      parentId: a!.id,
      commit: a!.commit,
      tree: a!.tree,
      generation: 3,
      status: "evaluating",
    });
    // …and a final pick recorded meanwhile shows in the run's summary.
    const best = small.agents.best!;
    small.archive.setRunFinalPick(small.runId, {
      agentId: best.id,
      method: "holdout-lcb",
      confidence: 0.95,
      heldOutTasks: 2,
      finalists: [{ agentId: best.id, passed: 2, total: 2, low: 0.34, high: 1 }],
      pickedAt: new Date().toISOString(),
    });
    small.archive.appendEvent(small.runId, "agent-created", { agentId: kid.id });
    await expect.poll(() => page.locator("#tree .agent-node").count(), { timeout: 30_000 }).toBe(6);
    expect(await page.locator("#final-pick").textContent()).toBe(
      `final pick: ${best.id}, chosen on 2 held-out tasks the search never used: 2/2 passed, 95% interval 0.34–1.00, the highest lower bound of 1 finalist`,
    );
    expect(await page.locator(`#tree .agent-node[data-id="${kid.id}"]`).getAttribute("data-status")).toBe("evaluating");
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
