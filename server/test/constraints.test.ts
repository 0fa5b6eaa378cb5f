// The database itself refuses bad rows (prisma/schema uniques + the hand-written
// prisma/migrations/*_integrity_rules). Each rule is tested three ways: the bad write fails
// with its SQLSTATE and constraint name, the matching good write is accepted (so the
// failure is not some unrelated error), and the refused write left the tables unchanged.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type Prisma, type PrismaClient } from "../src/db/prisma.ts";
import { createTestDatabase } from "./support/test-database.ts";

const UNIQUE_VIOLATION = "23505";
const CHECK_VIOLATION = "23514";
const RESTRICT_VIOLATION = "23001";

let prisma: PrismaClient;
// Raw connections for the deferred (commit-time) triggers: Prisma's pg adapter keeps the
// SQLSTATE of a trigger's error but drops the constraint name the trigger raised it with.
let pool: pg.Pool;

beforeAll(async () => {
  const url = await createTestDatabase();
  prisma = createPrisma(url, { poolSize: 4 });
  pool = new pg.Pool({ connectionString: url, max: 4 });
});

afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
});

// ---------------------------------------------------------------------------------------
// Assertions
// ---------------------------------------------------------------------------------------

interface Rejection {
  code: string | undefined;
  constraint: string | undefined;
  message: string;
}

interface AdapterErrorCause {
  originalCode?: string;
  originalMessage?: string;
  constraint?: { index?: string };
}

/** SQLSTATE, constraint and message of a write PostgreSQL refused; anything else is rethrown. */
function rejection(error: unknown): Rejection {
  if (error instanceof pg.DatabaseError) {
    return { code: error.code, constraint: error.constraint, message: error.message };
  }
  // Prisma: PrismaClientKnownRequestError.meta.driverAdapterError, or a bare DriverAdapterError
  // when the COMMIT of an interactive transaction failed. Its cause is the pg error, mapped.
  const adapterError = (error as { meta?: { driverAdapterError?: unknown } } | null)?.meta?.driverAdapterError ?? error;
  const cause = (adapterError as { cause?: AdapterErrorCause } | null)?.cause;
  if (typeof cause?.originalCode === "string") {
    const message = cause.originalMessage ?? "";
    // Unique/FK violations carry the index name; CHECK violations only name it in the message.
    const constraint = cause.constraint?.index ?? /constraint "([^"]+)"/.exec(message)?.[1];
    return { code: cause.originalCode, constraint, message };
  }
  throw error;
}

/**
 * Awaits `write` and asserts the database refused it with exactly this SQLSTATE and constraint
 * (`constraint` omitted = the error names none, as with the append-only trigger).
 */
async function expectRejected(write: Promise<unknown>, expected: { code: string; constraint?: string; message?: RegExp }): Promise<void> {
  const refused = await write.then(
    () => undefined,
    (error: unknown) => rejection(error),
  );
  expect(refused, "the database accepted the write").toBeDefined();
  expect({ code: refused?.code, constraint: refused?.constraint }).toEqual({
    code: expected.code,
    constraint: expected.constraint,
  });
  if (expected.message) expect(refused?.message).toMatch(expected.message);
}

/** Runs `work` in one transaction on a raw connection; deferred triggers fire at its COMMIT. */
async function sqlTransaction(work: (sql: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await work(client);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK"); // after a failed COMMIT only a warning: nothing is open
    throw error;
  } finally {
    client.release();
  }
}

// ---------------------------------------------------------------------------------------
// Fixtures (every value that must be unique comes from `unique`)
// ---------------------------------------------------------------------------------------

let sequence = 0;
const unique = (prefix: string) => `${prefix}-${++sequence}`;
/** A distinct 64-hex-digit TON transaction hash (ton_tx_hash is char(64)). */
const tonTxHash = () => (++sequence).toString(16).padStart(64, "0");

/** A user with its TELEGRAM identity; the nested create is one transaction, as the trigger needs. */
function createUser() {
  const n = ++sequence;
  return prisma.user.create({
    data: { name: `user ${n}`, identities: { create: { provider: "TELEGRAM", providerUserId: String(n) } } },
  });
}

function createPayment(userId: number, data: Partial<Prisma.PaymentUncheckedCreateInput> = {}) {
  return prisma.payment.create({
    data: { userId, idempotencyKey: unique("pay"), amount: 990, photoCount: 23, ...data },
  });
}

/** A referral balance of `rub`, funded the only way the database allows: with its ledger row. */
async function fundReferralBalance(userId: number, rub: number) {
  await prisma.$transaction(async (tx) => {
    await tx.referralBalance.create({ data: { userId, balanceRub: rub, earnedRub: rub } });
    await tx.balanceTransaction.create({
      data: { userId, currency: "RUB", kind: "ADJUSTMENT", amount: rub, balanceAfter: rub, note: "test funding" },
    });
  });
}

/** Stored RUB balance, RUB ledger sum and ledger row count of a user. */
async function referralMoney(userId: number) {
  const { rows } = await pool.query<{ balance: string | null; ledger: string; ledgerRows: number }>(
    `SELECT (SELECT balance_rub::text FROM referral_balances WHERE user_id = $1) AS balance,
            (SELECT coalesce(sum(amount), 0)::numeric(12, 2)::text
               FROM balance_transactions WHERE user_id = $1 AND currency = 'RUB') AS ledger,
            (SELECT count(*)::int FROM balance_transactions WHERE user_id = $1) AS "ledgerRows"`,
    [userId],
  );
  return rows[0];
}

async function createAvatar(userId: number) {
  return prisma.avatar.create({ data: { userId } });
}

async function createPhoto(userId: number) {
  const avatar = await createAvatar(userId);
  return prisma.generatedPhoto.create({
    data: { avatarId: avatar.id, prompt: "studio portrait", imageUrl: `https://cdn.test/${unique("photo")}.jpg` },
  });
}

async function createGenerationJob(userId: number, data: { totalPhotos: number; completedPhotos: number }) {
  const avatar = await createAvatar(userId);
  const style = await prisma.style.create({ data: { code: unique("style"), name: "Professional" } });
  return prisma.generationJob.create({ data: { avatarId: avatar.id, styleId: style.id, ...data } });
}

function createPromoCode() {
  return prisma.promoCode.create({ data: { code: unique("PROMO"), discountType: "PERCENT", discountValue: 10 } });
}

function createEarning(referrerId: number, referredId: number, paymentId: number) {
  return prisma.referralEarning.create({
    data: { referrerId, referredId, paymentId, amount: 99, rate: 0.1, provider: "TBANK" },
  });
}

function createWithdrawal(userId: number, data: Partial<Prisma.WithdrawalUncheckedCreateInput> = {}) {
  return prisma.withdrawal.create({
    data: {
      userId,
      method: "CARD",
      amount: 1000,
      ndflAmount: 130,
      payoutAmount: 870,
      details: { card: "220070******1234" },
      ...data,
    },
  });
}

// ---------------------------------------------------------------------------------------

describe("identity: a user ends every transaction with at least one identity", () => {
  const insertUser = async (sql: pg.PoolClient) =>
    (await sql.query<{ id: number }>("INSERT INTO users (name, updated_at) VALUES ('raw', now()) RETURNING id")).rows[0]!.id;
  const userExists = async (id: number) => (await pool.query("SELECT 1 FROM users WHERE id = $1", [id])).rowCount === 1;

  it("accepts a user whose identity is inserted later in the same transaction", async () => {
    let userId = 0;
    await sqlTransaction(async (sql) => {
      userId = await insertUser(sql);
      await sql.query("INSERT INTO user_identities (user_id, provider, provider_user_id, updated_at) VALUES ($1, 'EMAIL', $2, now())", [
        userId,
        unique("email"),
      ]);
    });
    expect(await userExists(userId)).toBe(true);
  });

  it("refuses, at commit, a user inserted alone", async () => {
    let userId = 0;
    await expectRejected(
      sqlTransaction(async (sql) => {
        userId = await insertUser(sql); // accepted here: the check is deferred to COMMIT
      }),
      { code: CHECK_VIOLATION, constraint: "chk_users_has_identity", message: /has no identity/ },
    );
    expect(userId).toBeGreaterThan(0);
    expect(await userExists(userId)).toBe(false);
  });

  it("accepts deleting one of two identities", async () => {
    const user = await createUser();
    const email = await prisma.userIdentity.create({
      data: { userId: user.id, provider: "EMAIL", providerUserId: unique("email") },
    });
    await prisma.userIdentity.delete({ where: { id: email.id } });
    expect(await prisma.userIdentity.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuses deleting a user's last identity", async () => {
    const user = await createUser();
    // Autocommit: the deferred trigger fires at the end of the statement's own transaction.
    await expectRejected(pool.query("DELETE FROM user_identities WHERE user_id = $1", [user.id]), {
      code: CHECK_VIOLATION,
      constraint: "chk_users_has_identity",
    });
    expect(await prisma.userIdentity.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuses moving a user's last identity to another user", async () => {
    const [from, to] = [await createUser(), await createUser()];
    await expectRejected(pool.query("UPDATE user_identities SET user_id = $1 WHERE user_id = $2", [to.id, from.id]), {
      code: CHECK_VIOLATION,
      constraint: "chk_users_has_identity",
    });
    expect(await prisma.userIdentity.count({ where: { userId: from.id } })).toBe(1);
    expect(await prisma.userIdentity.count({ where: { userId: to.id } })).toBe(1);
  });

  it("accepts deleting the user itself, identities cascading with it", async () => {
    const user = await createUser();
    await prisma.user.delete({ where: { id: user.id } });
    expect(await userExists(user.id)).toBe(false);
    expect(await prisma.userIdentity.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("referrals", () => {
  it("refuses a second referral of the same user, even by another referrer", async () => {
    const [firstReferrer, otherReferrer, referred, someoneElse] = [
      await createUser(),
      await createUser(),
      await createUser(),
      await createUser(),
    ];
    await prisma.referral.create({ data: { referrerId: firstReferrer.id, referredId: referred.id } });
    // Twin: the other referrer may refer anyone not yet referred.
    await prisma.referral.create({ data: { referrerId: otherReferrer.id, referredId: someoneElse.id } });

    await expectRejected(prisma.referral.create({ data: { referrerId: otherReferrer.id, referredId: referred.id } }), {
      code: UNIQUE_VIOLATION,
      constraint: "referrals_referred_id_key",
    });
    const referrals = await prisma.referral.findMany({ where: { referredId: referred.id } });
    expect(referrals.map((r) => r.referrerId)).toEqual([firstReferrer.id]);
  });

  it("refuses a user referring themselves", async () => {
    const [referrer, referred, selfReferrer] = [await createUser(), await createUser(), await createUser()];
    await prisma.referral.create({ data: { referrerId: referrer.id, referredId: referred.id } });

    await expectRejected(prisma.referral.create({ data: { referrerId: selfReferrer.id, referredId: selfReferrer.id } }), {
      code: CHECK_VIOLATION,
      constraint: "chk_referrals_not_self",
    });
    expect(await prisma.referral.count({ where: { referredId: selfReferrer.id } })).toBe(0);
  });

  it("refuses a second referral earning for the same payment", async () => {
    const [referrer, otherReferrer, referred] = [await createUser(), await createUser(), await createUser()];
    const payment = await createPayment(referred.id, { status: "SUCCEEDED" });
    const nextPayment = await createPayment(referred.id, { status: "SUCCEEDED" });
    await createEarning(referrer.id, referred.id, payment.id);
    await createEarning(referrer.id, referred.id, nextPayment.id); // twin: one earning per payment is fine

    await expectRejected(createEarning(otherReferrer.id, referred.id, payment.id), {
      code: UNIQUE_VIOLATION,
      constraint: "referral_earnings_payment_id_key",
    });
    const earnings = await prisma.referralEarning.findMany({ where: { paymentId: payment.id } });
    expect(earnings.map((e) => e.referrerId)).toEqual([referrer.id]);
  });
});

describe("referral balance: never negative, always the sum of its ledger", () => {
  // Every case starts from 100 RUB, funded through the ledger.
  async function fundedUser() {
    const user = await createUser();
    await fundReferralBalance(user.id, 100);
    expect(await referralMoney(user.id)).toEqual({ balance: "100.00", ledger: "100.00", ledgerRows: 1 });
    return user;
  }

  it("accepts a withdrawal reserve the balance covers, written with its balance update", async () => {
    const user = await fundedUser();
    await prisma.$transaction(async (tx) => {
      await tx.balanceTransaction.create({
        data: { userId: user.id, currency: "RUB", kind: "WITHDRAWAL_RESERVE", amount: -40, balanceAfter: 60 },
      });
      await tx.referralBalance.update({ where: { userId: user.id }, data: { balanceRub: 60 } });
    });
    expect(await referralMoney(user.id)).toEqual({ balance: "60.00", ledger: "60.00", ledgerRows: 2 });
  });

  it("refuses an overdrawing ledger row (its balance_after would be negative)", async () => {
    const user = await fundedUser();
    await expectRejected(
      prisma.$transaction(async (tx) => {
        await tx.balanceTransaction.create({
          data: { userId: user.id, currency: "RUB", kind: "WITHDRAWAL_RESERVE", amount: -150, balanceAfter: -50 },
        });
        await tx.referralBalance.update({ where: { userId: user.id }, data: { balanceRub: -50 } });
      }),
      { code: CHECK_VIOLATION, constraint: "chk_balance_transactions_balance_after_nonnegative" },
    );
    expect(await referralMoney(user.id)).toEqual({ balance: "100.00", ledger: "100.00", ledgerRows: 1 });
  });

  it("refuses an overdraw with a falsified balance_after: the balance itself would go negative", async () => {
    const user = await fundedUser();
    await expectRejected(
      prisma.$transaction(async (tx) => {
        await tx.balanceTransaction.create({
          data: { userId: user.id, currency: "RUB", kind: "WITHDRAWAL_RESERVE", amount: -150, balanceAfter: 0 },
        });
        await tx.referralBalance.update({ where: { userId: user.id }, data: { balanceRub: -50 } });
      }),
      { code: CHECK_VIOLATION, constraint: "chk_referral_balances_balance_rub_nonnegative" },
    );
    expect(await referralMoney(user.id)).toEqual({ balance: "100.00", ledger: "100.00", ledgerRows: 1 });
  });

  it("refuses, at commit, an overdrawing ledger row that leaves the balance untouched", async () => {
    const user = await fundedUser();
    await expectRejected(
      sqlTransaction(async (sql) => {
        await sql.query(
          `INSERT INTO balance_transactions (user_id, currency, kind, amount, balance_after)
           VALUES ($1, 'RUB', 'WITHDRAWAL_RESERVE', -150, 0)`,
          [user.id],
        );
      }),
      { code: CHECK_VIOLATION, constraint: "chk_referral_balances_matches_ledger", message: /differs from its ledger/ },
    );
    expect(await referralMoney(user.id)).toEqual({ balance: "100.00", ledger: "100.00", ledgerRows: 1 });
  });

  it("refuses a direct update to a negative balance", async () => {
    const user = await fundedUser();
    await expectRejected(prisma.referralBalance.update({ where: { userId: user.id }, data: { balanceRub: -50 } }), {
      code: CHECK_VIOLATION,
      constraint: "chk_referral_balances_balance_rub_nonnegative",
    });
    expect(await referralMoney(user.id)).toEqual({ balance: "100.00", ledger: "100.00", ledgerRows: 1 });
  });

  it("refuses a direct balance update that no ledger row explains", async () => {
    const user = await fundedUser();
    // Autocommit: the deferred ledger check runs at the end of this statement's transaction.
    await expectRejected(pool.query("UPDATE referral_balances SET balance_rub = 1000 WHERE user_id = $1", [user.id]), {
      code: CHECK_VIOLATION,
      constraint: "chk_referral_balances_matches_ledger",
    });
    expect(await referralMoney(user.id)).toEqual({ balance: "100.00", ledger: "100.00", ledgerRows: 1 });
  });
  it("refuses moving a balance to another user", async () => {
    const user = await fundedUser();
    const other = await createUser();
    await expectRejected(pool.query("UPDATE referral_balances SET user_id = $2 WHERE user_id = $1", [user.id, other.id]), {
      code: CHECK_VIOLATION,
      constraint: "chk_referral_balances_user_fixed",
    });
    expect(await referralMoney(user.id)).toEqual({ balance: "100.00", ledger: "100.00", ledgerRows: 1 });
    expect(await referralMoney(other.id)).toEqual({ balance: null, ledger: "0.00", ledgerRows: 0 });
  });

  it("refuses deleting a balance whose ledger has rows, and allows it while the ledger is empty", async () => {
    const empty = await createUser();
    await prisma.referralBalance.create({ data: { userId: empty.id } });
    await prisma.referralBalance.delete({ where: { userId: empty.id } });

    const user = await fundedUser();
    await expectRejected(pool.query("DELETE FROM referral_balances WHERE user_id = $1", [user.id]), {
      code: CHECK_VIOLATION,
      constraint: "chk_referral_balances_keeps_ledger",
    });
    expect(await referralMoney(user.id)).toEqual({ balance: "100.00", ledger: "100.00", ledgerRows: 1 });
  });
});

describe("balance_transactions is append-only", () => {
  it("accepts a correcting row, the only way to fix the ledger", async () => {
    const user = await createUser();
    await fundReferralBalance(user.id, 100);
    await prisma.$transaction(async (tx) => {
      await tx.balanceTransaction.create({
        data: { userId: user.id, currency: "RUB", kind: "ADJUSTMENT", amount: -10, balanceAfter: 90, note: "fix" },
      });
      await tx.referralBalance.update({ where: { userId: user.id }, data: { balanceRub: 90 } });
    });
    expect(await referralMoney(user.id)).toEqual({ balance: "90.00", ledger: "90.00", ledgerRows: 2 });
  });

  it("refuses UPDATE, even of the note", async () => {
    const user = await createUser();
    await fundReferralBalance(user.id, 100);
    const row = await prisma.balanceTransaction.findFirstOrThrow({ where: { userId: user.id } });

    await expectRejected(prisma.balanceTransaction.update({ where: { id: row.id }, data: { note: "edited" } }), {
      code: RESTRICT_VIOLATION,
      message: /append-only \(UPDATE refused\)/,
    });
    expect(await prisma.balanceTransaction.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });

  it("refuses DELETE", async () => {
    const user = await createUser();
    await fundReferralBalance(user.id, 100);
    const row = await prisma.balanceTransaction.findFirstOrThrow({ where: { userId: user.id } });

    await expectRejected(prisma.balanceTransaction.delete({ where: { id: row.id } }), {
      code: RESTRICT_VIOLATION,
      message: /append-only \(DELETE refused\)/,
    });
    expect(await prisma.balanceTransaction.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });

  it("refuses TRUNCATE, which row triggers do not see", async () => {
    const user = await createUser();
    await fundReferralBalance(user.id, 100);
    await expectRejected(pool.query("TRUNCATE balance_transactions CASCADE"), {
      code: RESTRICT_VIOLATION,
      message: /append-only \(TRUNCATE refused\)/,
    });
    expect(await referralMoney(user.id)).toEqual({ balance: "100.00", ledger: "100.00", ledgerRows: 1 });
  });
});

describe("withdrawals and payout cards", () => {
  it("user_cards accepts a masked number and refuses a full card number", async () => {
    const user = await createUser();
    await prisma.userCard.create({ data: { userId: user.id, maskedNumber: "220070******1234" } });

    await expectRejected(prisma.userCard.create({ data: { userId: user.id, maskedNumber: "2200701234561234" } }), {
      code: CHECK_VIOLATION,
      constraint: "chk_user_cards_masked_number",
    });
    const cards = await prisma.userCard.findMany({ where: { userId: user.id } });
    expect(cards.map((c) => c.maskedNumber)).toEqual(["220070******1234"]);
  });

  it("payout_amount must be amount minus NDFL", async () => {
    const user = await createUser();
    await createWithdrawal(user.id, { amount: 1000, ndflAmount: 130, payoutAmount: 870 });

    // NDFL recorded but not withheld from the payout.
    await expectRejected(createWithdrawal(user.id, { amount: 1000, ndflAmount: 130, payoutAmount: 1000 }), {
      code: CHECK_VIOLATION,
      constraint: "chk_withdrawals_payout_math",
    });
    const withdrawals = await prisma.withdrawal.findMany({ where: { userId: user.id } });
    expect(withdrawals.map((w) => w.payoutAmount.toString())).toEqual(["870"]);
  });

  it("withdrawal details refuse a full card number", async () => {
    const user = await createUser();
    await createWithdrawal(user.id, { details: { card: "220070******1234" } });

    await createWithdrawal(user.id, { method: "SBP", details: { phone: "+7 900 123-45-67" } });

    for (const card of ["2200701234561234", "2200 7012 3456 1234", "2200-7012-3456-1234"]) {
      await expectRejected(createWithdrawal(user.id, { details: { card } }), {
        code: CHECK_VIOLATION,
        constraint: "chk_withdrawals_details_no_pan",
      });
    }
    expect(await prisma.withdrawal.count({ where: { userId: user.id } })).toBe(2);
  });
});

describe("billing", () => {
  describe("payments", () => {
    it.each([0, -100])("refuses amount %d (must be positive)", async (amount) => {
      const user = await createUser();
      await createPayment(user.id, { amount: 0.01 }); // twin: the smallest positive amount

      const idempotencyKey = unique("pay");
      await expectRejected(createPayment(user.id, { amount, idempotencyKey }), {
        code: CHECK_VIOLATION,
        constraint: "chk_payments_amount_positive",
      });
      expect(await prisma.payment.count({ where: { idempotencyKey } })).toBe(0);
    });

    it("refuses a second payment with the same idempotency key", async () => {
      const user = await createUser();
      const first = await createPayment(user.id, { amount: 990 });
      await createPayment(user.id, { amount: 990 }); // twin: another key, same everything else

      await expectRejected(createPayment(user.id, { amount: 1990, idempotencyKey: first.idempotencyKey }), {
        code: UNIQUE_VIOLATION,
        constraint: "payments_idempotency_key_key",
      });
      const rows = await prisma.payment.findMany({ where: { idempotencyKey: first.idempotencyKey } });
      expect(rows).toEqual([first]);
    });

    // A replayed provider callback must never create or settle a second payment row.
    const providerIds = [
      {
        column: "tbank_payment_id",
        provider: { provider: "TBANK" },
        id: (value: string) => ({ tbankPaymentId: value }),
        newValue: () => unique("tbank"),
      },
      {
        column: "telegram_charge_id",
        provider: { provider: "STARS", starsAmount: 50 },
        id: (value: string) => ({ telegramChargeId: value }),
        newValue: () => unique("charge"),
      },
      {
        column: "ton_tx_hash",
        provider: { provider: "TON", tonAmount: 1.5 },
        id: (value: string) => ({ tonTxHash: value }),
        newValue: tonTxHash,
      },
    ] satisfies {
      column: string;
      provider: Partial<Prisma.PaymentUncheckedCreateInput>;
      id: (value: string) => Prisma.PaymentWhereInput & Partial<Prisma.PaymentUncheckedCreateInput>;
      newValue: () => string;
    }[];

    it.each(providerIds)("refuses a duplicate $column", async ({ column, provider, id, newValue }) => {
      const user = await createUser();
      const value = newValue();
      await createPayment(user.id, { ...provider, ...id(value) });
      // Twins: another provider id, and rows still without one (NULLs never collide).
      await createPayment(user.id, { ...provider, ...id(newValue()) });
      await createPayment(user.id, provider);
      await createPayment(user.id, provider);

      await expectRejected(createPayment(user.id, { ...provider, ...id(value) }), {
        code: UNIQUE_VIOLATION,
        constraint: `payments_${column}_key`,
      });
      expect(await prisma.payment.count({ where: id(value) })).toBe(1);
    });
  });

  it("refuses a duplicate webhook event (same provider + event id)", async () => {
    const eventId = unique("evt");
    const first = await prisma.webhookEvent.create({
      data: { provider: "TBANK", eventId, payload: { Status: "CONFIRMED" } },
    });
    // Twin: the same id from another provider is another event.
    await prisma.webhookEvent.create({ data: { provider: "TELEGRAM", eventId, payload: {} } });

    await expectRejected(prisma.webhookEvent.create({ data: { provider: "TBANK", eventId, payload: { Status: "REFUNDED" } } }), {
      code: UNIQUE_VIOLATION,
      constraint: "webhook_events_provider_event_id_key",
    });
    expect(await prisma.webhookEvent.findMany({ where: { provider: "TBANK", eventId } })).toEqual([first]);
  });

  it("refuses a promo code redeemed twice by the same user", async () => {
    const [user, otherUser] = [await createUser(), await createUser()];
    const [code, otherCode] = [await createPromoCode(), await createPromoCode()];
    await prisma.promoCodeUsage.create({ data: { promoCodeId: code.id, userId: user.id, discountAmount: 99 } });
    // Twins: the same code by someone else, another code by the same user.
    await prisma.promoCodeUsage.create({ data: { promoCodeId: code.id, userId: otherUser.id, discountAmount: 99 } });
    await prisma.promoCodeUsage.create({ data: { promoCodeId: otherCode.id, userId: user.id, discountAmount: 99 } });

    await expectRejected(prisma.promoCodeUsage.create({ data: { promoCodeId: code.id, userId: user.id, discountAmount: 99 } }), {
      code: UNIQUE_VIOLATION,
      constraint: "promo_code_usages_promo_code_id_user_id_key",
    });
    expect(await prisma.promoCodeUsage.count({ where: { promoCodeId: code.id, userId: user.id } })).toBe(1);
  });
});

describe("photos", () => {
  it("refuses favoriting the same photo twice", async () => {
    const [user, otherUser] = [await createUser(), await createUser()];
    const [photo, otherPhoto] = [await createPhoto(user.id), await createPhoto(user.id)];
    await prisma.photoFavorite.create({ data: { userId: user.id, photoId: photo.id } });
    // Twins: another photo by the same user, the same photo by another user.
    await prisma.photoFavorite.create({ data: { userId: user.id, photoId: otherPhoto.id } });
    await prisma.photoFavorite.create({ data: { userId: otherUser.id, photoId: photo.id } });

    await expectRejected(prisma.photoFavorite.create({ data: { userId: user.id, photoId: photo.id } }), {
      code: UNIQUE_VIOLATION,
      constraint: "photo_favorites_user_id_photo_id_key",
    });
    expect(await prisma.photoFavorite.count({ where: { userId: user.id, photoId: photo.id } })).toBe(1);
  });
});

describe("generation", () => {
  it("completed_photos cannot exceed total_photos", async () => {
    const user = await createUser();
    const job = await createGenerationJob(user.id, { totalPhotos: 23, completedPhotos: 22 });
    const done = await prisma.generationJob.update({ where: { id: job.id }, data: { completedPhotos: 23 } });

    await expectRejected(prisma.generationJob.update({ where: { id: job.id }, data: { completedPhotos: 24 } }), {
      code: CHECK_VIOLATION,
      constraint: "chk_generation_jobs_completed_photos",
    });
    expect(await prisma.generationJob.findUniqueOrThrow({ where: { id: job.id } })).toEqual(done);
  });
});

describe("support", () => {
  it("accepts ticket numbers of the form TKT-YYYY-NNN", async () => {
    await prisma.supportTicket.create({ data: { number: "TKT-2026-001" } });
    await prisma.supportTicket.create({ data: { number: "TKT-2026-12345" } });
    expect(await prisma.supportTicket.count({ where: { number: { in: ["TKT-2026-001", "TKT-2026-12345"] } } })).toBe(2);
  });

  it.each(["TKT-26-001", "tkt-2026-001", "TKT-2026-01", "TICKET-7", "TKT-2026-001 "])("refuses ticket number %j", async (number) => {
    await expectRejected(prisma.supportTicket.create({ data: { number } }), {
      code: CHECK_VIOLATION,
      constraint: "chk_support_tickets_number_format",
    });
    expect(await prisma.supportTicket.count({ where: { number } })).toBe(0);
  });
});
