// Walks the static site in Debian's Chromium as a reader would, and prints what it saw as JSON
// for tests/test_site_browser.py to judge: the marks of a fact page's range chart, the search
// box's results for a query, and the page reached by following one of them.
// Usage: node site_walk.mjs CHROMIUM USER_DATA_DIR FACT_PAGE_FILE QUERY RESULT_PAGE SCREENSHOT
// (RESULT_PAGE: the result to follow, by the end of its address, e.g. entities/x.html)
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const [chromiumPath, userDataDir, factPage, query, resultPage, screenshot] = process.argv.slice(2);
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: chromiumPath,
  headless: true,
  // Never reach out: this machine has no network but the registries, and a browser test must not need one.
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"],
  viewport: { width: 1100, height: 900 },
});
const problems = [];
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => { if (message.type() === "error") problems.push(`console: ${message.text()}`); });
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  await page.goto(pathToFileURL(factPage).href);
  const marks = await page.$$eval("svg.range-chart g.claim-mark", (groups) => groups.map((g) => {
    const box = g.getBoundingClientRect();
    return { claimId: g.dataset.claimId, label: g.querySelector(".mark-label").textContent,
             drawn: box.width > 0 && box.height > 0 };
  }));
  const chartTitle = await page.textContent("svg.range-chart > title");
  await page.screenshot({ path: screenshot, fullPage: true });
  const box = page.locator("#search-box");
  const searchVisible = await box.isVisible();
  await box.pressSequentially(query, { delay: 10 });
  await page.waitForSelector("#search-results a");
  const results = await page.$$eval("#search-results a", (links) => links.map((a) => ({ label: a.textContent, href: a.href })));
  await page.locator(`#search-results a[href$="${resultPage}"]`).first().click();
  await page.waitForLoadState("load");
  const followed = { url: page.url(), heading: await page.textContent("h1") };
  console.log(JSON.stringify({ marks, chartTitle, searchVisible, results, followed, problems }));
} finally {
  await context.close();
}
