// The demo seed: idempotent (a second run changes no row), complete (covers every status
// it promises), consistent with the integrity rules, and refused in production.
import { verify } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData, type SeedSummary } from "../../prisma/seed.ts";
import { createPrisma, type PrismaClient } from "../src/db/prisma.ts";
import {
  AdminRole,
  AvatarStatus,
  GenerationJobStatus,
  GenerationTaskStatus,
  PaymentProvider,
  PaymentStatus,
} from "../src/generated/prisma/client.ts";
import { createTestDatabase } from "./support/test-database.ts";

let prisma: PrismaClient;
let firstRun: SeedSummary;

beforeAll(async () => {
  prisma = createPrisma(await createTestDatabase());
  firstRun = await seedDemoData(prisma);
});

afterAll(async () => {
  await prisma?.$disconnect();
});

/** Every public table except Prisma's bookkeeping, with its row count and a digest of its rows. */
async function snapshot(db: PrismaClient): Promise<Record<string, { rows: number; digest: string }>> {
  const tables = await db.$queryRaw<Array<{ name: string }>>`
    SELECT c.relname AS name
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
     ORDER BY c.relname`;
  const selects = tables.map(({ name }) => {
    const ident = `"${name.replaceAll('"', '""')}"`;
    const literal = `'${name.replaceAll("'", "''")}'`;
    return `SELECT ${literal} AS name, count(*)::int AS rows, coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') AS digest FROM public.${ident} t`;
  });
  const rows = await db.$queryRawUnsafe<Array<{ name: string; rows: number; digest: string }>>(selects.join("\nUNION ALL\n"));
  return Object.fromEntries(rows.map((r) => [r.name, { rows: r.rows, digest: r.digest }]));
}

const SEEDED_TABLES = [
  "admin_alerts",
  "admin_notifications",
  "admin_settings",
  "admin_users",
  "audit_logs",
  "avatars",
  "balance_transactions",
  "exchange_rates",
  "generated_photos",
  "generation_jobs",
  "generation_tasks",
  "orphan_payments",
  "pack_items",
  "partner_applications",
  "payments",
  "photo_favorites",
  "photo_packs",
  "pricing_tiers",
  "promo_code_usages",
  "promo_codes",
  "reference_photos",
  "referral_balances",
  "referral_codes",
  "referral_earnings",
  "referrals",
  "saved_prompts",
  "shared_galleries",
  "styles",
  "support_canned_responses",
  "support_faq_analytics",
  "support_operators",
  "support_sla_configs",
  "support_ticket_drafts",
  "support_ticket_messages",
  "support_tickets",
  "system_logs",
  "telegram_broadcasts",
  "telegram_link_codes",
  "telegram_messages",
  "user_cards",
  "user_identities",
  "users",
  "webhook_events",
  "withdrawal_logs",
  "withdrawals",
];

const countsOf = (snap: Record<string, { rows: number }>) => Object.fromEntries(Object.entries(snap).map(([t, s]) => [t, s.rows]));

describe("demo seed", () => {
  it("runs twice: the second run changes no row count (nor any row) in any table", async () => {
    const before = await snapshot(prisma);
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(47);

    const second = await seedDemoData(prisma);
    const after = await snapshot(prisma);

    expect(countsOf(after)).toEqual(countsOf(before));
    expect(after).toEqual(before);
    expect(second.text).toBe(firstRun.text);
    // The demo fills the schema, not a corner of it (sessions, link tokens, MTProto sessions
    // and the Telegram affiliate setting are left empty on purpose: secrets or singletons).
    const empty = SEEDED_TABLES.filter((t) => !before[t]?.rows);
    expect(empty).toEqual([]);
  });

  it("covers every status it promises, with consistent money and ledger rows", async () => {
    const jobStatuses = await prisma.generationJob.findMany({ distinct: ["status"], select: { status: true } });
    expect(jobStatuses.map((j) => j.status).sort()).toEqual(Object.values(GenerationJobStatus).sort());
    const taskStatuses = await prisma.generationTask.findMany({ distinct: ["status"], select: { status: true } });
    expect(taskStatuses.map((t) => t.status).sort()).toEqual(Object.values(GenerationTaskStatus).sort());
    const avatarStatuses = await prisma.avatar.findMany({ distinct: ["status"], select: { status: true } });
    expect(avatarStatuses.map((a) => a.status).sort()).toEqual(Object.values(AvatarStatus).sort());
    const providers = await prisma.payment.findMany({ distinct: ["provider"], select: { provider: true } });
    expect(providers.map((p) => p.provider).sort()).toEqual(Object.values(PaymentProvider).sort());
    const paymentStatuses = await prisma.payment.findMany({ distinct: ["status"], select: { status: true } });
    expect(paymentStatuses.map((p) => p.status).sort()).toEqual(Object.values(PaymentStatus).sort());

    // completed_photos = succeeded tasks = generated photos, for every job.
    const jobs = await prisma.generationJob.findMany({ include: { tasks: true, generatedPhotos: true, payment: true } });
    for (const job of jobs) {
      const succeeded = job.tasks.filter((t) => t.status === "SUCCEEDED").length;
      expect(job.completedPhotos).toBe(succeeded);
      expect(job.generatedPhotos).toHaveLength(succeeded);
      expect(job.tasks).toHaveLength(job.totalPhotos);
      expect(job.payment?.generationConsumed).toBe(true);
    }

    // Provider columns filled as each provider fills them.
    const payments = await prisma.payment.findMany();
    for (const p of payments) {
      if (p.provider === "TBANK") expect(p.tbankPaymentId).toMatch(/^\d+$/);
      if (p.provider === "STARS") expect(p.telegramChargeId && p.starsAmount).toBeTruthy();
      if (p.provider === "TON") expect(p.tonAmount && p.exchangeRate && p.rateLockedAt && p.rateExpiresAt).toBeTruthy();
      if (p.provider === "TON" && p.status === "SUCCEEDED") {
        expect(p.tonTxHash).toMatch(/^[0-9a-f]{64}$/);
        expect(p.tonSenderAddress).toHaveLength(48);
        expect(p.tonConfirmations).toBeGreaterThan(0);
      }
      if (p.status === "REFUNDED") expect(p.refundAmount.equals(p.amount) && p.refundStatus === "SUCCEEDED" && p.refundedAt).toBeTruthy();
    }

    // Admins of every role whose hashes verify against the printed dev passwords.
    expect(firstRun.admins.map((a) => a.role).sort()).toEqual(Object.values(AdminRole).sort());
    for (const a of firstRun.admins) {
      const row = await prisma.adminUser.findUniqueOrThrow({ where: { username: a.username } });
      expect(row.role).toBe(a.role);
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verify(row.passwordHash, a.password)).toBe(true);
      expect(firstRun.text).toContain(`${a.username} / ${a.password} (${a.role})`);
    }
    expect(firstRun.text).toMatch(/development only/);

    // Stored referral balances equal the sums of their ledger rows; earnings are 10%.
    const balances = await prisma.$queryRaw<Array<{ user_id: number; stored: string; ledger: string; withdrawn: string; earned: string }>>`
      SELECT b.user_id, b.balance_rub::text AS stored, b.withdrawn_rub::text AS withdrawn, b.earned_rub::text AS earned,
             coalesce(sum(t.amount) FILTER (WHERE t.currency = 'RUB'), 0)::numeric(12, 2)::text AS ledger
        FROM referral_balances b LEFT JOIN balance_transactions t ON t.user_id = b.user_id
       GROUP BY b.user_id, b.balance_rub, b.withdrawn_rub, b.earned_rub ORDER BY b.user_id`;
    expect(balances.length).toBeGreaterThanOrEqual(2);
    for (const b of balances) expect(b.stored).toBe(b.ledger);
    expect(balances.map((b) => [b.earned, b.withdrawn, b.stored])).toEqual([
      ["149.90", "100.00", "49.90"],
      ["49.90", "0.00", "49.90"],
    ]);
    const earnings = await prisma.referralEarning.findMany({ include: { payment: true } });
    expect(earnings.map((e) => [e.payment.amount.toFixed(2), e.rate.toFixed(4), e.amount.toFixed(2)]).sort()).toEqual([
      ["1499.00", "0.1000", "149.90"],
      ["1499.00", "0.1000", "149.90"],
      ["499.00", "0.1000", "49.90"],
      ["999.00", "0.1000", "99.90"],
    ]);

    const withdrawal = await prisma.withdrawal.findFirstOrThrow({ include: { logs: true, userCard: true } });
    expect(withdrawal.ndflAmount.equals(withdrawal.amount.times("0.13"))).toBe(true);
    expect(withdrawal.payoutAmount.equals(withdrawal.amount.minus(withdrawal.ndflAmount))).toBe(true);
    expect(withdrawal.logs.length).toBeGreaterThan(0);
    expect(withdrawal.userCard?.maskedNumber).toMatch(/^\d{4,6}\*+\d{4}$/);

    // Support: numbered tickets with user, operator and system messages and an internal note.
    const tickets = await prisma.supportTicket.findMany({ include: { messages: true }, orderBy: { number: "asc" } });
    expect(tickets.map((t) => t.number)).toEqual(["TKT-2026-001", "TKT-2026-002", "TKT-2026-003", "TKT-2026-004"]);
    expect(new Set(tickets.map((t) => t.status)).size).toBe(4);
    expect(new Set(tickets.map((t) => t.priority)).size).toBe(4);
    const messages = tickets.flatMap((t) => t.messages);
    expect(new Set(messages.map((m) => m.senderType))).toEqual(new Set(["USER", "OPERATOR", "SYSTEM"]));
    expect(messages.some((m) => m.isInternal)).toBe(true);
    expect(await prisma.supportSlaConfig.count()).toBe(4);

    // Every user has an identity; one signs in by email only.
    const users = await prisma.user.findMany({ include: { identities: true } });
    expect(users.length).toBeGreaterThanOrEqual(6);
    for (const u of users) expect(u.identities.length).toBeGreaterThan(0);
    expect(users.some((u) => u.telegramUserId === null && u.identities.some((i) => i.provider === "EMAIL"))).toBe(true);
  });

  it("completes a partially seeded database", async () => {
    const full = countsOf(await snapshot(prisma));
    await prisma.supportTicket.deleteMany({ where: { number: { in: ["TKT-2026-002", "TKT-2026-004"] } } });
    await prisma.photoFavorite.deleteMany({});
    await prisma.telegramMessage.deleteMany({});
    await prisma.referencePhoto.deleteMany({ where: { storageKey: { endsWith: "/01.jpg" } } });

    await seedDemoData(prisma);
    expect(countsOf(await snapshot(prisma))).toEqual(full);
  });

  it("refuses to run in production", async () => {
    const saved = process.env.NODE_ENV;
    const before = countsOf(await snapshot(prisma));
    process.env.NODE_ENV = "production";
    try {
      await expect(seedDemoData(prisma)).rejects.toThrow(/production/);
    } finally {
      if (saved === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = saved;
    }
    expect(countsOf(await snapshot(prisma))).toEqual(before);
  });
});
