// The first ten minutes, in a real browser: the bot with the demo data and the Microsoft 365
// Agents Playground (`npm run playground`), driven through the Playground's web client in
// Debian's Chromium with playwright-core. As the partner contact: `hjælp` in Danish, `ny` filled
// in and saved for her own organisation, the approval card in the Jobcenter channel, and
// `dispensation` refused with the right words; as the secretariat admin: `fremdrift` with real
// numbers; as the jobcenter caseworker: the new placement waiting for approval in `liste`.
// A screenshot of every step is kept in test-artifacts/browser/. Skipped, with a message, only
// when /usr/bin/chromium is missing (`.ci/run` installs it).
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PlaygroundSession, startPlaygroundSession } from "../../src/cli/playground-session.js";
import { silentLogger } from "../../src/logger.js";
import type { PlaygroundRole } from "../../src/seed/playground-world.js";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOTS = path.resolve("test-artifacts/browser");
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`tests/browser/playground.test.ts is skipped: ${CHROMIUM} is missing. Install it with: apt-get install -y chromium`);
}

let dataDir: string;
let userDataRoot: string;

beforeAll(async () => {
  if (!hasChromium) return;
  dataDir = await mkdtemp(path.join(tmpdir(), "praktikbot-browser-data-"));
  userDataRoot = await mkdtemp(path.join(tmpdir(), "praktikbot-browser-profile-"));
  await mkdir(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  if (!hasChromium) return;
  await rm(dataDir, { recursive: true, force: true });
  await rm(userDataRoot, { recursive: true, force: true });
});

type Visit = { session: PlaygroundSession; browser: BrowserContext; page: Page };

/** The bot and the Playground as one person, on the test's own database folder, in a fresh browser profile. */
async function visitAs(as: PlaygroundRole): Promise<Visit> {
  const session = await startPlaygroundSession({
    as,
    logger: silentLogger(),
    env: { ...process.env, DATABASE_URL: path.join(dataDir, "pglite"), PORT: "0", BOT_ADMINS: "" },
    output: "ignore",
  });
  try {
    const browser = await chromium.launchPersistentContext(await mkdtemp(path.join(userDataRoot, `${as}-`)), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 1000 },
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(20_000);
    await page.goto(session.url);
    await composer(page).waitFor();
    return { session, browser, page };
  } catch (error) {
    await session.stop();
    throw error;
  }
}

async function leave(visit: Visit | undefined): Promise<void> {
  await visit?.browser.close().catch(() => {});
  await visit?.session.stop();
}

/** The message box (a team channel also has one per thread: the first is for a new post). */
const composer = (page: Page) => page.locator('[data-lexical-editor="true"]').first();

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** Types a message and waits until the bot's answer containing `expected` is shown. */
async function say(page: Page, text: string, expected: string | RegExp): Promise<void> {
  await composer(page).click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await page.getByText(expected).count()) > 0, { timeout: 30_000 }).toBe(true);
}

async function openChat(page: Page, name: string): Promise<void> {
  await page.locator(`[aria-label="${name}"]`).first().click();
  await composer(page).waitFor();
}

/** The newest form card on the page. */
const lastCard = (page: Page) => page.locator(".ac-adaptiveCard").last();

async function choose(page: Page, combobox: string | RegExp, option: string | RegExp): Promise<void> {
  await lastCard(page).getByRole("combobox", { name: combobox }).click();
  await page.getByRole("option", { name: option }).first().click();
}

async function pickRadio(page: Page, group: RegExp, option: string): Promise<void> {
  await lastCard(page).getByRole("radiogroup", { name: group }).getByLabel(option, { exact: true }).check();
}

// The second CI pass (TEST_DATABASE_URL: PostgreSQL) repeats the suite for the database; this test keeps its own PGlite folder, so it runs once.
describe.skipIf(!hasChromium || Boolean(process.env.TEST_DATABASE_URL))("the first ten minutes in the Agents Playground, in Chromium", () => {
  it("as the partner contact: help in Danish, a placement registered and posted for approval, dispensation refused", async () => {
    let visit: Visit | undefined;
    try {
      visit = await visitAs("partner");
      const { page } = visit;
      await say(page, "hjælp", "ny — registrér en praktikplads");
      await shot(page, "partner-1-hjaelp");

      await say(page, "ny", "Registrér praktikplads");
      const card = lastCard(page);
      await card.getByLabel("Virksomhedens navn").fill("Browserprøvens Maskinfabrik ApS");
      await card.getByLabel("CVR-nummer").fill("10000009");
      await card.getByLabel("P-nummer").fill("1234567890");
      await card.getByLabel("Ordinært ansatte").fill("20");
      await pickRadio(page, /Offentlig eller privat/, "Privat");
      await choose(page, /Branche/, "Industri og produktion");
      await pickRadio(page, /Mangler branchen/, "Ja");
      await choose(page, /^Type/, /Virksomhedspraktik/);
      await card.getByLabel("Startdato").fill("2026-12-14");
      await card.getByLabel("Timer om ugen").fill("30");
      await choose(page, /ydelsesgruppe/, /introduktionsprogram/);
      await pickRadio(page, /Formål/, "Ordinære timer under eller efter praktikken");
      await card.getByLabel("Kontaktperson i virksomheden").fill("Birgit Holm, 20 30 40 50");
      await card.getByLabel("Tillidsrepræsentant").fill("Jens Tillid");
      await pickRadio(page, /bekræftet skriftligt/, "Ja");
      await shot(page, "partner-2-ny-udfyldt");
      await card.getByRole("button", { name: "Gem" }).click();
      try {
        await expect.poll(async () => (await page.getByText("Praktikpladsen er gemt").count()) > 0, { timeout: 30_000 }).toBe(true);
      } finally {
        await shot(page, "partner-3-ny-gemt");
      }

      await say(page, "dispensation", /Kun sekretariatets administratorer kan give en intern undtagelse/);
      await shot(page, "partner-4-dispensation");

      await openChat(page, "Praktikpartnerskab - Jobcenter");
      try {
        await expect.poll(async () => (await page.getByText(/Browserprøvens Maskinfabrik ApS/).count()) > 0, { timeout: 30_000 }).toBe(true);
        expect(await page.getByRole("button", { name: "Godkend" }).count()).toBeGreaterThan(0);
      } finally {
        await shot(page, "partner-5-jobcenterkanal");
      }
    } finally {
      await leave(visit);
    }
  }, 240_000);

  it("as the secretariat admin: progress with the demo's real numbers; as the caseworker: the placement waiting for approval", async () => {
    let visit: Visit | undefined;
    try {
      visit = await visitAs("admin");
      await say(visit.page, "fremdrift", /Praktikpladser i alt: [1-9]\d* \/ 500/);
      await shot(visit.page, "admin-1-fremdrift");
    } finally {
      await leave(visit);
    }
    visit = undefined;
    try {
      visit = await visitAs("jobcenter");
      await say(visit.page, "liste", /Browserprøvens Maskinfabrik ApS/);
      await shot(visit.page, "jobcenter-1-liste");
    } finally {
      await leave(visit);
    }
  }, 240_000);
});
