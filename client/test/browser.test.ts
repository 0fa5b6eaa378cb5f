// Browser tests: the built client against the real API (its own database, the local image
// provider, test-mode payments, trusted documents enforced) in Debian's chromium.
// Screenshots of the key screens land in client/test-artifacts/screenshots/.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { startApi, type RunningApi } from "./support/api.ts";
import { DESKTOP, launchBrowser, PHONE, screenshot } from "./support/browser.ts";
import { serveBuiltClient } from "./support/client-server.ts";
import { png } from "./support/images.ts";
import { journeys, openAsTelegramUser as openMiniApp } from "./support/pages.ts";

let api: RunningApi;
let client: { origin: string; stop(): Promise<void> };
let browser: Browser;
const { newPage, keepEvidence, closeAll } = journeys(() => browser);

before(async () => {
  browser = await launchBrowser(); // first: a missing chromium fails at once
  api = await startApi();
  client = await serveBuiltClient(api.origin);
});

after(async () => {
  await closeAll();
  await browser?.close();
  await client?.stop();
  await api?.stop();
});

const openAsTelegramUser = (page: Parameters<typeof openMiniApp>[0], user: Parameters<typeof openMiniApp>[2]) =>
  openMiniApp(page, client.origin, user);

describe("user journey", () => {
  test("sign in, create an avatar, upload references, pay, generate, watch progress reach 100%, favorite a photo", () =>
    keepEvidence("user-journey", async () => {
      const page = await newPage(PHONE);
      await openAsTelegramUser(page, { id: 770001, first_name: "Anna", username: "anna_browser" });
      assert.ok(!page.url().includes("tgWebAppData"), "the launch parameters are dropped from the address after sign-in");
      await page.getByText("No avatars yet").waitFor();
      await screenshot(page, "01-avatars-empty-phone");

      // A typed error next to the field, then the avatar.
      const form = page.getByRole("form", { name: "New avatar" });
      await form.getByLabel("New avatar").fill("   ");
      await form.getByRole("button", { name: "Create avatar" }).click();
      await form.getByRole("alert").filter({ hasText: "must not be empty" }).waitFor();
      await form.getByLabel("New avatar").fill("Anna, summer");
      await form.getByRole("button", { name: "Create avatar" }).click();
      await page.getByRole("heading", { name: /Anna, summer/ }).waitFor();
      assert.match(page.url(), /\/avatars\//);

      // References: a file that is not an image is refused here, then three PNGs with previews.
      const picker = page.locator('input[type="file"]');
      await picker.setInputFiles([{ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a photo") }]);
      await page.getByRole("alert").filter({ hasText: "notes.txt is not a JPEG, PNG, WEBP or HEIC image" }).waitFor();
      await picker.setInputFiles([1, 2, 3].map((i) => ({ name: `face-${i}.png`, mimeType: "image/png", buffer: png(i) })));
      await page.getByRole("list", { name: "Chosen photos" }).getByRole("img").nth(2).waitFor();
      await screenshot(page, "02-reference-previews-phone");
      await page.getByRole("button", { name: "Upload 3 photos" }).click();
      await page.getByRole("heading", { name: "Reference photos (3)" }).waitFor();
      assert.equal(await page.getByRole("list", { name: "Uploaded reference photos" }).getByRole("img").count(), 3);

      // Pay: the cheapest tier with the test-mode provider.
      await page.getByRole("link", { name: "Choose a tier" }).first().click();
      await page.getByRole("heading", { name: "Choose a tier" }).waitFor();
      await page.getByRole("radio", { name: /7 portraits/ }).check();
      await page.getByRole("radio", { name: /Test payment/ }).check();
      await page.getByTestId("quote-amount").waitFor();
      await screenshot(page, "03-pricing-phone");
      await page.getByRole("button", { name: /^Pay/ }).click();
      await page.getByRole("button", { name: "Complete test payment" }).click();
      await page.getByRole("status").filter({ hasText: "7 portraits are yours" }).waitFor();
      await page.getByRole("button", { name: "Back to the avatar" }).click();

      // Generate, and follow the job live until every portrait is in.
      await page.getByText(/Paid: .* 7 portraits/).waitFor();
      await page.getByRole("button", { name: "Start generation" }).click();
      await page.waitForURL(/\/jobs\//);
      const progress = page.getByRole("progressbar", { name: "Generation progress" });
      await progress.waitFor();
      const seen = new Set<string>();
      const deadline = Date.now() + 90_000;
      while ((await progress.getAttribute("aria-valuenow")) !== "100") {
        seen.add((await progress.getAttribute("aria-valuenow")) ?? "");
        if (seen.size === 2) await screenshot(page, "04-generation-in-progress-phone");
        assert.ok(Date.now() < deadline, `progress stuck at ${[...seen].join(", ")}%`);
        await page.waitForTimeout(100);
      }
      await page.getByTestId("job-status").filter({ hasText: "Completed" }).waitFor();
      assert.equal(await page.getByTestId("photo-tile").count(), 7, "every portrait appeared through the subscription");
      assert.ok([...seen].some((v) => v !== "0" && v !== "100") || seen.has("0"), "the bar was seen before completion");
      await screenshot(page, "05-generation-complete-phone");

      // Favorite one, and find it favorited in the gallery.
      await page.getByTestId("photo-tile").first().getByRole("button", { name: "Add to favorites" }).click();
      await page.getByTestId("photo-tile").first().getByRole("button", { name: "Remove from favorites" }).waitFor();
      await page.getByRole("link", { name: "Open the gallery" }).click();
      await page.getByRole("heading", { name: "Portraits", exact: true }).waitFor();
      await page.getByTestId("photo-tile").nth(6).waitFor();
      assert.equal(await page.getByRole("button", { name: "Remove from favorites" }).count(), 1);
      await page.getByRole("button", { name: "Create a share link" }).click();
      const link = await page.getByRole("textbox", { name: "Share link" }).inputValue();
      assert.match(link, /^https?:\/\//);
      await screenshot(page, "06-gallery-phone");
    }));
});

describe("operator journey", () => {
  test("a new ticket reaches the live queue; the operator's reply reaches the user live", () =>
    keepEvidence("operator-journey", async () => {
      const operator = await newPage(DESKTOP);
      await operator.goto(`${client.origin}/operator`);
      await operator.getByLabel("Username").fill("operator");
      await operator.getByLabel("Password").fill("wrong-password");
      await operator.getByRole("button", { name: "Sign in" }).click();
      await operator.getByRole("alert").first().waitFor(); // refused, next to the password
      await operator.getByLabel("Password").fill("operator-dev-password");
      await operator.getByRole("button", { name: "Sign in" }).click();
      await operator.getByRole("heading", { name: /Tickets/ }).waitFor();
      await operator.getByTestId("queue-row").first().waitFor(); // the demo data's tickets

      const user = await newPage(PHONE);
      await openAsTelegramUser(user, { id: 770002, first_name: "Boris", username: "boris_browser" });
      await user.getByRole("link", { name: "Support" }).click();
      const ticketForm = user.getByRole("form", { name: "Open a ticket" });
      await ticketForm.getByLabel("Subject").fill("Where are my portraits?");
      await ticketForm.getByLabel("Message").fill("I paid an hour ago and see nothing yet.");
      await ticketForm.getByRole("button", { name: "Send to support" }).click();
      await user.getByRole("heading", { name: /Where are my portraits\?/ }).waitFor();

      // The queue shows the new ticket without a reload.
      const row = operator.getByTestId("queue-row").filter({ hasText: "Where are my portraits?" });
      await row.waitFor();
      await screenshot(operator, "07-operator-queue-desktop");
      await row.getByRole("link").click();
      await operator.getByText("I paid an hour ago and see nothing yet.").waitFor();
      await operator.getByRole("textbox", { name: "Reply to the user" }).fill("Your portraits are on their way — about ten minutes.");
      await operator.getByRole("button", { name: "Send" }).click();
      await operator.locator('[data-sender="OPERATOR"]').filter({ hasText: "on their way" }).waitFor();
      await screenshot(operator, "08-operator-ticket-desktop");

      // The user's open chat shows the reply without a reload.
      await user.locator('[data-sender="OPERATOR"]').filter({ hasText: "Your portraits are on their way" }).waitFor();
      await screenshot(user, "09-user-ticket-reply-phone");
    }));
});
