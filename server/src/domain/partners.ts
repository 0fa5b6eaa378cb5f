// The partner program: admins approve or reject applications (approval makes the user a
// partner with a commission rate for future payments), and partners manage API keys for
// their integrations (shown once, stored hashed, scoped, rate limited: auth/api-keys.ts).
import { Prisma } from "../generated/prisma/client.ts";
import type { ApiKeyScope } from "../generated/prisma/enums.ts";
import type { PrismaClient } from "../db/prisma.ts";
import { createApiKey } from "../auth/api-keys.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";

type Tx = Prisma.TransactionClient;

/** Commission rates an admin may give a partner (referrers without the program get 0.10). */
export const PARTNER_RATE_MIN = new Prisma.Decimal("0.10");
export const PARTNER_RATE_MAX = new Prisma.Decimal("0.50");

/** Active (not revoked) API keys one partner may hold. */
export const MAX_ACTIVE_API_KEYS = 10;

type ApplicationRow = Prisma.PartnerApplicationGetPayload<object>;
type BalanceRow = Prisma.ReferralBalanceGetPayload<object>;

async function lockApplication(tx: Tx, applicationId: number): Promise<ApplicationRow> {
  const locked = await tx.$queryRaw<Array<{ id: number }>>`
    SELECT id FROM partner_applications WHERE id = ${applicationId} FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError("PartnerApplication");
  const application = await tx.partnerApplication.findUniqueOrThrow({ where: { id: applicationId } });
  if (application.status !== "PENDING") throw new ConflictError(`The application was already ${application.status.toLowerCase()}`);
  return application;
}

export function partnerAuditSnapshot(application: ApplicationRow, balance: BalanceRow | null) {
  return {
    application: { status: application.status, reviewedById: application.reviewedById, reviewNote: application.reviewNote },
    partner: balance
      ? { isPartner: balance.isPartner, commissionRate: balance.commissionRate.toString(), partnerSince: balance.partnerSince }
      : null,
  };
}

/**
 * PENDING → APPROVED: the user becomes a partner with `commissionRate` (their balance row is
 * created if missing). Only commissions on later payments use the new rate: each earning
 * keeps the rate it was computed with.
 */
export async function approvePartnerApplication(
  tx: Tx,
  {
    applicationId,
    adminId,
    commissionRate,
    note,
  }: { applicationId: number; adminId: number; commissionRate: Prisma.Decimal | string; note?: string | null },
) {
  const rate = new Prisma.Decimal(commissionRate);
  if (rate.lessThan(PARTNER_RATE_MIN) || rate.greaterThan(PARTNER_RATE_MAX) || rate.decimalPlaces() > 4) {
    throw ValidationError.of("commissionRate", "must be between 0.10 and 0.50, at most 4 decimal places");
  }
  const application = await lockApplication(tx, applicationId);
  await tx.referralBalance.createMany({ data: [{ userId: application.userId }], skipDuplicates: true });
  const balanceBefore = await tx.referralBalance.findUniqueOrThrow({ where: { userId: application.userId } });
  const now = new Date();
  const balance = await tx.referralBalance.update({
    where: { userId: application.userId },
    data: {
      isPartner: true,
      partnerSince: balanceBefore.partnerSince ?? now,
      partnerApprovedAt: now,
      partnerApprovedById: adminId,
      commissionRate: rate,
    },
  });
  const approved = await tx.partnerApplication.update({
    where: { id: applicationId },
    data: { status: "APPROVED", reviewedById: adminId, reviewedAt: now, reviewNote: note?.trim() || null },
  });
  return {
    application: approved,
    before: partnerAuditSnapshot(application, balanceBefore),
    after: partnerAuditSnapshot(approved, balance),
  };
}

/** PENDING → REJECTED with a note; the user may apply again later. */
export async function rejectPartnerApplication(
  tx: Tx,
  { applicationId, adminId, note }: { applicationId: number; adminId: number; note: string },
) {
  const application = await lockApplication(tx, applicationId);
  const rejected = await tx.partnerApplication.update({
    where: { id: applicationId },
    data: { status: "REJECTED", reviewedById: adminId, reviewedAt: new Date(), reviewNote: note.trim() },
  });
  return { application: rejected, before: partnerAuditSnapshot(application, null), after: partnerAuditSnapshot(rejected, null) };
}

// ---------------------------------------------------------------------------------------
// API keys
// ---------------------------------------------------------------------------------------

/**
 * A new API key for a partner: the key itself is returned here only (the database keeps its
 * SHA-256). Users who are not partners are refused.
 */
export async function createPartnerApiKey(
  prisma: PrismaClient,
  { userId, name, scopes }: { userId: number; name: string; scopes: ApiKeyScope[] },
) {
  const balance = await prisma.referralBalance.findUnique({ where: { userId }, select: { isPartner: true } });
  if (!balance?.isPartner) throw new ForbiddenError("Only partners can create API keys; apply to the partner program first");
  const active = await prisma.partnerApiKey.count({ where: { userId, revokedAt: null } });
  if (active >= MAX_ACTIVE_API_KEYS) throw new ConflictError(`At most ${MAX_ACTIVE_API_KEYS} active API keys; revoke one first`);
  return createApiKey(prisma, { userId, name: name.trim(), scopes: [...new Set(scopes)] });
}

/** Revokes one of the user's keys (revoking it again changes nothing). Someone else's key is not found. */
export async function revokePartnerApiKey(prisma: PrismaClient, { userId, apiKeyId }: { userId: number; apiKeyId: number }) {
  await prisma.partnerApiKey.updateMany({ where: { id: apiKeyId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  const key = await prisma.partnerApiKey.findFirst({ where: { id: apiKeyId, userId }, select: { id: true } });
  if (!key) throw new NotFoundError("PartnerApiKey");
  return key;
}
