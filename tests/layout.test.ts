// The test tiers rest on a naming rule: a file that needs a Docker engine is named *.docker.test.ts,
// so `npm run test:fast` (which leaves those out) never meets a Docker suite, and a Docker suite
// never hides in the fast tier. This keeps the rule true as files are added.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, it } from "vitest";

const testsDir = new URL(".", import.meta.url).pathname;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : testFiles(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

it("every test file that needs Docker is named *.docker.test.ts, and only those", () => {
  const misnamed = testFiles(testsDir)
    .filter((path) => /\bdescribeDocker\(/.test(readFileSync(path, "utf8")) !== path.endsWith(".docker.test.ts"))
    .map((path) => relative(testsDir, path));
  expect(misnamed).toEqual([]);
});
