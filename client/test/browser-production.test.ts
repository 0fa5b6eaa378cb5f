// Browser journeys against a production-mode API: the built client, and the API as a
// deployment runs it (NODE_ENV=production, PERSISTED_DOCUMENTS=enforce, migrations
// deployed beforehand, no demo data, no test-mode payments, Telegram delivery through the
// Bot API), on a database seeded with a catalogue and an operator account. What the
// outside world would do here is done by stand-ins: the Telegram Login Widget's script
// (telegram.org cannot be reached) is answered in the browser with one that hands the
// page data signed with the test bot's token, T-Bank and the Bot API are local fakes
// (support/fake-services.ts). Images come from the local provider, chosen explicitly
// (GENERATION_PROVIDER=local, as a production worker requires).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { signLoginWidget } from "../../server/src/auth/telegram.ts";
import { freePort, startApi, TEST_BOT_TOKEN, TEST_BOT_USERNAME, type RunningApi } from "./support/api.ts";
import { DESKTOP, launchBrowser, PHONE, screenshot } from "./support/browser.ts";
import { serveBuiltClient } from "./support/client-server.ts";
import { FAKE_TBANK_PASSWORD, FAKE_TBANK_TERMINAL_KEY, startFakeServices, type FakeServices } from "./support/fake-services.ts";
import { png } from "./support/images.ts";
import { journeys, openAsTelegramUser } from "./support/pages.ts";
import { seedProductionData } from "./support/production-seed.ts";

const OPERATOR = { username: "support-lead", password: `prod-${randomBytes(12).toString("hex")}` };

let api: RunningApi;
let client: { origin: string; stop(): Promise<void> };
let fakes: FakeServices;
let browser: Browser;
const { newPage, keepEvidence, closeAll } = journeys(() => browser);

before(async () => {
  browser = await launchBrowser(); // first: a missing chromium fails at once
  fakes = await startFakeServices();
  // The web origin is known before the API starts: the bank returns the browser there.
  const clientPort = await freePort();
  api = await startApi({
    production: {
      seed: (url) => seedProductionData(url, OPERATOR),
      env: {
        PUBLIC_WEB_URL: `http://127.0.0.1:${clientPort}`,
        TBANK_TERMINAL_KEY: FAKE_TBANK_TERMINAL_KEY,
        TBANK_PASSWORD: FAKE_TBANK_PASSWORD,
        TBANK_API_URL: fakes.tbankApiUrl,
        TELEGRAM_API_URL: fakes.origin,
      },
    },
  });
  assert.doesNotMatch(api.output(), /GraphiQL/, "a production API serves no GraphiQL");
  client = await serveBuiltClient(api.origin, { port: clientPort });
});

after(async () => {
  await closeAll();
  await browser?.close();
  await client?.stop();
  await api?.stop();
  await fakes?.stop();
});

type WidgetUser = Record<string, string | number>;

/**
 * Answers the Login Widget's script with a stand-in that draws the button and, on a
 * click, calls the page's data-onauth with `user()` — what Telegram's widget does once
 * the user confirms in Telegram. Checks the embed is the documented one.
 */
async function stubTelegramWidget(page: Page, user: () => WidgetUser) {
  await page.route("https://telegram.org/js/telegram-widget.js*", (route) =>
    route.fulfill({
      contentType: "application/javascript",
      body: `(() => {
        const script = document.currentScript;
        const user = ${JSON.stringify(user())};
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = "Log in with Telegram";
        button.addEventListener("click", () => new Function("user", script.dataset.onauth)(user));
        script.after(button);
      })();`,
    }),
  );
}

/** Login Widget data as Telegram hands it to the page: numbers for id and auth_date. */
function widgetUser(fields: Record<string, string>, botToken: string): WidgetUser {
  const signed = signLoginWidget({ auth_date: String(Math.floor(Date.now() / 1000)), ...fields }, botToken);
  return { ...signed, id: Number(signed.id), auth_date: Number(signed.auth_date) };
}

describe("production-mode journeys", () => {
  test("web sign-in with the Login Widget, the catalogue, a card payment on the bank's page, generation to 100%, a shared gallery", () =>
    keepEvidence("production-web-journey", async () => {
      const page = await newPage(DESKTOP);
      const wanda = { id: "880001", first_name: "Wanda", last_name: "Web", username: "wanda_web" };
      // First a callback whose data another bot signed: refused, with the API's message.
      let user = widgetUser(wanda, "1999999999:another-bots-token-not-ours");
      await stubTelegramWidget(page, () => user);
      await page.goto(client.origin);
      const signIn = page.getByRole("group", { name: "Web sign-in" });
      await signIn.getByRole("button", { name: "Log in with Telegram" }).waitFor();
      const embed = page.locator("script[data-telegram-login]");
      assert.equal(await embed.getAttribute("src"), "https://telegram.org/js/telegram-widget.js?22");
      assert.equal(await embed.getAttribute("data-telegram-login"), TEST_BOT_USERNAME);
      assert.equal(await embed.getAttribute("data-size"), "large");
      assert.equal(await embed.getAttribute("data-onauth"), "onTelegramAuth(user)");
      assert.equal(await embed.getAttribute("data-request-access"), "write");
      assert.equal(
        await page.getByRole("form", { name: "Development sign-in" }).count(),
        0,
        "a production build has no development sign-in",
      );
      await screenshot(page, "10-web-sign-in-desktop");
      await signIn.getByRole("button", { name: "Log in with Telegram" }).click();
      await signIn.getByRole("alert").filter({ hasText: "signature does not match" }).waitFor();
      await screenshot(page, "11-web-sign-in-refused-desktop");

      user = widgetUser(wanda, TEST_BOT_TOKEN);
      await page.reload();
      await signIn.getByRole("button", { name: "Log in with Telegram" }).click();
      await page.getByRole("heading", { name: "Your avatars" }).waitFor();
      await page.getByText("Wanda Web").waitFor(); // the shell shows who signed in
      const token = await page.evaluate<string | null>('localStorage.getItem("pinglass.session.user")');
      assert.match(token ?? "", /^pgs_/, "the session is kept as the Mini App's is");

      // The catalogue as the operators set it up; card payments only (no test mode in production).
      await page.getByRole("link", { name: "Pricing" }).click();
      await page.getByRole("heading", { name: "Choose a tier" }).waitFor();
      await page.getByRole("radio", { name: /15 portraits/ }).waitFor();
      assert.equal(await page.getByRole("radio", { name: /portraits/ }).count(), 2);
      assert.equal(await page.getByRole("radio", { name: /Test payment/ }).count(), 0, "no test-mode payments in production");
      await page.getByRole("radio", { name: /Bank card/ }).waitFor();
      await page.getByTestId("quote-amount").waitFor();
      await screenshot(page, "12-production-pricing-desktop");

      // An avatar with reference photos (uploads: multipart, hash only).
      await page.getByRole("link", { name: "Avatars" }).click();
      const form = page.getByRole("form", { name: "New avatar" });
      await form.getByLabel("New avatar").fill("Wanda, office");
      await form.getByRole("button", { name: "Create avatar" }).click();
      await page.getByRole("heading", { name: /Wanda, office/ }).waitFor();
      const avatarUrl = page.url();
      await page
        .locator('input[type="file"]')
        .setInputFiles([1, 2, 3].map((i) => ({ name: `wanda-${i}.png`, mimeType: "image/png", buffer: png(i) })));
      await page.getByRole("button", { name: "Upload 3 photos" }).click();
      await page.getByRole("heading", { name: "Reference photos (3)" }).waitFor();

      // Pay by card: T-Bank's page (the fake), its signed notification, back to the app.
      await page.getByRole("link", { name: "Choose a tier" }).first().click();
      await page.getByRole("radio", { name: /7 portraits/ }).check();
      await page.getByRole("radio", { name: /Bank card/ }).check();
      await page.getByTestId("quote-amount").waitFor();
      await page.getByRole("button", { name: /^Pay/ }).click();
      await page.getByRole("link", { name: "Pay by card" }).click();
      await page.getByRole("heading", { name: "Test bank" }).waitFor();
      await page.getByRole("button", { name: /^Pay 499\.00 RUB/ }).click();
      await page.waitForURL(/\/pricing\?payment=success/);
      await page.getByRole("status").filter({ hasText: "Payment sent" }).waitFor();
      await screenshot(page, "13-production-back-from-the-bank-desktop");
      assert.deepEqual(fakes.problems, []);
      assert.deepEqual(
        [...fakes.payments.values()].map((p) => p.status),
        ["CONFIRMED"],
      );

      // Generate, and follow the job live until every portrait is in.
      await page.goto(avatarUrl);
      await page.getByText(/Paid: .* 7 portraits/).waitFor();
      await page.getByRole("button", { name: "Start generation" }).click();
      await page.waitForURL(/\/jobs\//);
      const progress = page.getByRole("progressbar", { name: "Generation progress" });
      await progress.waitFor();
      const deadline = Date.now() + 90_000;
      while ((await progress.getAttribute("aria-valuenow")) !== "100") {
        assert.ok(Date.now() < deadline, `progress stuck at ${await progress.getAttribute("aria-valuenow")}%`);
        await page.waitForTimeout(100);
      }
      await page.getByTestId("job-status").filter({ hasText: "Completed" }).waitFor();
      assert.equal(await page.getByTestId("photo-tile").count(), 7, "every portrait appeared through the subscription");
      await screenshot(page, "14-production-generation-complete-desktop");

      // Favorite, share, and open the share link signed out.
      await page.getByTestId("photo-tile").first().getByRole("button", { name: "Add to favorites" }).click();
      await page.getByTestId("photo-tile").first().getByRole("button", { name: "Remove from favorites" }).waitFor();
      await page.getByRole("link", { name: "Open the gallery" }).click();
      await page.getByRole("button", { name: "Create a share link" }).click();
      const link = await page.getByRole("textbox", { name: "Share link" }).inputValue();
      assert.ok(link.startsWith(`${client.origin}/g/`), link);
      const visitor = await newPage(PHONE);
      await visitor.goto(link);
      await visitor.getByRole("heading", { name: "Wanda, office" }).waitFor();
      await visitor.getByRole("img", { name: "Portrait of Wanda, office" }).nth(6).waitFor();

      // Signing out returns to the sign-in page.
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("group", { name: "Web sign-in" }).waitFor();
      assert.equal(await page.evaluate<string | null>('localStorage.getItem("pinglass.session.user")'), null);
    }));

  test("Mini App sign-in, referrals, and a support ticket answered live by an operator", () =>
    keepEvidence("production-support-journey", async () => {
      const operator = await newPage(DESKTOP);
      await operator.goto(`${client.origin}/operator`);
      await operator.getByLabel("Username").fill(OPERATOR.username);
      await operator.getByLabel("Password").fill("operator-dev-password");
      await operator.getByRole("button", { name: "Sign in" }).click();
      await operator.getByRole("alert").first().waitFor(); // a development password is no password here
      await operator.getByLabel("Password").fill(OPERATOR.password);
      await operator.getByRole("button", { name: "Sign in" }).click();
      await operator.getByRole("heading", { name: /Tickets/ }).waitFor();

      const user = await newPage(PHONE);
      await openAsTelegramUser(user, client.origin, { id: 880002, first_name: "Mila", username: "mila_app" });
      assert.ok(!user.url().includes("tgWebAppData"), "the launch parameters are dropped from the address after sign-in");
      await user.getByRole("link", { name: "Referrals" }).click();
      await user.getByRole("heading", { name: "Your link" }).waitFor();
      await user.getByRole("link", { name: "Support" }).click();
      const ticketForm = user.getByRole("form", { name: "Open a ticket" });
      await ticketForm.getByLabel("Subject").fill("Card payment question");
      await ticketForm.getByLabel("Message").fill("Which cards do you take?");
      await ticketForm.getByRole("button", { name: "Send to support" }).click();
      await user.getByRole("heading", { name: /Card payment question/ }).waitFor();

      const row = operator.getByTestId("queue-row").filter({ hasText: "Card payment question" });
      await row.waitFor(); // live, through the queue subscription
      await row.getByRole("link").click();
      await operator.getByText("Which cards do you take?").waitFor();
      await operator.getByRole("textbox", { name: "Reply to the user" }).fill("Visa, Mastercard and Mir, through T-Bank.");
      await operator.getByRole("button", { name: "Send" }).click();
      await user.locator('[data-sender="OPERATOR"]').filter({ hasText: "through T-Bank" }).waitFor(); // live, the user's chat subscription
      await screenshot(user, "15-production-ticket-reply-phone");
    }));
});
