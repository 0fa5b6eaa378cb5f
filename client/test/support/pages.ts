// Pages of a browser journey: each in its own context (its own localStorage, so its own
// session), their console kept, and on a failure a screenshot of every page opened.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { signMiniAppInitData } from "../../../server/src/auth/telegram.ts";
import { TEST_BOT_TOKEN } from "./api.ts";
import { screenshot, type DESKTOP, type PHONE } from "./browser.ts";

export interface Journeys {
  // Properties, not methods: callers destructure them (they close over the journey's state).
  newPage: (options: typeof PHONE | typeof DESKTOP) => Promise<Page>;
  /** On a failure: a screenshot of every open page, and the browsers' console, to see why. */
  keepEvidence: <T>(name: string, run: () => Promise<T>) => Promise<T>;
  closeAll: () => Promise<void>;
}

export function journeys(browser: () => Browser): Journeys {
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  const consoleLines: string[] = [];
  return {
    async newPage(options) {
      const context = await browser().newContext(options);
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const index = pages.push(page);
      page.on("console", (m) => m.type() !== "debug" && consoleLines.push(`[page ${index} ${m.type()}] ${m.text()}`));
      page.on("pageerror", (e) => consoleLines.push(`[page ${index} error] ${e.message}`));
      return page;
    },
    async keepEvidence(name, run) {
      try {
        return await run();
      } catch (error) {
        for (const [i, page] of pages.entries()) await screenshot(page, `failed-${name}-page-${i + 1}`).catch(() => {});
        const details = consoleLines.slice(-40).join("\n");
        throw new Error(`${(error as Error).message}\n--- browser console ---\n${details}`, { cause: error });
      } finally {
        pages.length = 0;
        consoleLines.length = 0;
      }
    },
    async closeAll() {
      for (const context of contexts) await context.close().catch(() => {});
    },
  };
}

/** Opens the app as Telegram opens a Mini App: signed initData in the URL's hash. */
export async function openAsTelegramUser(page: Page, origin: string, user: { id: number; first_name: string; username?: string }) {
  const initData = signMiniAppInitData(
    { auth_date: String(Math.floor(Date.now() / 1000)), query_id: `browser-${user.id}`, user: JSON.stringify(user) },
    TEST_BOT_TOKEN,
  );
  const launch = new URLSearchParams({ tgWebAppData: initData, tgWebAppVersion: "8.0", tgWebAppPlatform: "web" });
  await page.goto(`${origin}/#${launch.toString()}`);
  await page.getByRole("heading", { name: "Your avatars" }).waitFor();
}
