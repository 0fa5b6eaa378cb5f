// Rules of the data model checked on the migrated database itself, so a future
// migration that breaks one fails here.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase } from "./support/test-database.ts";

let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client(await createTestDatabase());
  await client.connect();
});
afterAll(() => client.end());

it("every foreign key is covered by an index whose leading columns are its columns", async () => {
  const { rows } = await client.query(`
    SELECT c.conrelid::regclass::text AS "table", c.conname AS "foreignKey"
    FROM pg_constraint c
    WHERE c.contype = 'f'
      AND NOT EXISTS (
        SELECT 1 FROM pg_index i
        WHERE i.indrelid = c.conrelid
          AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
          AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey
      )`);
  expect(rows).toEqual([]);
  const { rows: count } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_constraint WHERE contype = 'f'");
  expect(count[0]?.n).toBeGreaterThan(60);
});

it("money and other amounts are never floating point", async () => {
  const { rows } = await client.query(`
    SELECT table_name AS "table", column_name AS "column", data_type AS "type"
    FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('real', 'double precision', 'money')`);
  expect(rows).toEqual([]);
});

it("every timestamp carries its time zone", async () => {
  const { rows } = await client.query(`
    SELECT table_name AS "table", column_name AS "column"
    FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      AND data_type = 'timestamp without time zone'`);
  expect(rows).toEqual([]);
});

it("holds every table of the consolidated model", async () => {
  const { rows } = await client.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
  );
  const tables = rows.map((r) => r.table_name);
  expect(tables).toEqual(
    expect.arrayContaining([
      "users",
      "user_identities",
      "link_tokens",
      "telegram_sessions",
      "telegram_link_codes",
      "avatars",
      "reference_photos",
      "generated_photos",
      "photo_favorites",
      "shared_galleries",
      "pricing_tiers",
      "styles",
      "generation_jobs",
      "generation_tasks",
      "saved_prompts",
      "photo_packs",
      "pack_items",
      "payments",
      "webhook_events",
      "exchange_rates",
      "orphan_payments",
      "promo_codes",
      "promo_code_usages",
      "referral_codes",
      "referrals",
      "referral_balances",
      "balance_transactions",
      "referral_earnings",
      "withdrawals",
      "withdrawal_logs",
      "user_cards",
      "partner_applications",
      "support_tickets",
      "support_ticket_messages",
      "support_canned_responses",
      "support_operators",
      "support_sla_configs",
      "support_faq_analytics",
      "support_ticket_drafts",
      "telegram_messages",
      "telegram_broadcasts",
      "telegram_affiliate_settings",
      "telegram_mtproto_sessions",
      "admin_users",
      "admin_sessions",
      "audit_logs",
      "admin_notifications",
      "admin_settings",
      "system_logs",
      "admin_alerts",
    ]),
  );
});
