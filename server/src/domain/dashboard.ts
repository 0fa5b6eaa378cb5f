// Admin dashboard figures, each computed by PostgreSQL in one statement. Amounts leave
// the database as text (numeric → string, trailing zeros trimmed like Prisma's Decimal),
// so no figure passes through a float.
import { Prisma } from "../generated/prisma/client.ts";
import type { Currency, PaymentProvider, TicketPriority } from "../generated/prisma/enums.ts";

type Db = Pick<Prisma.TransactionClient, "$queryRaw">;

export interface DashboardRange {
  from: Date | null;
  to: Date | null;
}

/** Figures over a period look at the last 30 days when no range is given. */
export const DEFAULT_RANGE_DAYS = 30;

/** The range a dashboard request covers: as given, or the last 30 days when neither end is. */
export function dashboardRange(range: { from?: Date | null; to?: Date | null } | null | undefined, now = new Date()): DashboardRange {
  if (!range?.from && !range?.to) return { from: new Date(now.getTime() - DEFAULT_RANGE_DAYS * 86_400_000), to: now };
  return { from: range.from ?? null, to: range.to ?? null };
}

/** `column` within the half-open range (from ≤ column < to); an open end is no condition. */
function within(column: Prisma.Sql, { from, to }: DashboardRange): Prisma.Sql {
  const conditions = [...(from ? [Prisma.sql`${column} >= ${from}`] : []), ...(to ? [Prisma.sql`${column} < ${to}`] : [])];
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}

export interface RevenueRow {
  /** UTC calendar day, YYYY-MM-DD. */
  day: string;
  provider: PaymentProvider;
  /** RUB (payments.amount is always RUB), as a decimal string. */
  amount: string;
  payments: number;
}

/**
 * Succeeded payments per UTC day and provider, by creation time. Test-mode payments (and
 * the TEST provider, which only exists for them) are not revenue.
 */
export function revenueByProviderAndDay(db: Db, range: DashboardRange): Promise<RevenueRow[]> {
  return db.$queryRaw<RevenueRow[]>`
    SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
           provider::text AS provider,
           trim_scale(sum(amount))::text AS amount,
           count(*)::int AS payments
    FROM payments
    WHERE status = 'SUCCEEDED' AND NOT is_test_mode AND provider <> 'TEST'
      AND ${within(Prisma.sql`created_at`, range)}
    GROUP BY 1, 2
    ORDER BY 1, 2`;
}

export interface GenerationFigures {
  completed: number;
  failed: number;
  inProgress: number;
  /** completed / (completed + failed); null when no job has finished. */
  successRate: number | null;
}

/** Jobs created in the range (test-mode jobs, which never reach the provider, excluded). */
export async function generationSuccess(db: Db, range: DashboardRange): Promise<GenerationFigures> {
  const [row] = await db.$queryRaw<Array<{ completed: number; failed: number; in_progress: number }>>`
    SELECT count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed,
           count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
           count(*) FILTER (WHERE status IN ('PENDING', 'PROCESSING'))::int AS in_progress
    FROM generation_jobs
    WHERE NOT is_test_mode AND ${within(Prisma.sql`created_at`, range)}`;
  const { completed, failed, in_progress: inProgress } = row!;
  return { completed, failed, inProgress, successRate: completed + failed > 0 ? completed / (completed + failed) : null };
}

export interface PriorityCount {
  priority: TicketPriority;
  count: number;
}

/** Tickets not RESOLVED or CLOSED, per priority (every priority listed, P1 first). */
export function openTicketsByPriority(db: Db): Promise<PriorityCount[]> {
  return db.$queryRaw<PriorityCount[]>`
    SELECT p.priority::text AS priority, count(t.id)::int AS count
    FROM unnest(enum_range(NULL::ticket_priority)) AS p(priority)
    LEFT JOIN support_tickets t ON t.priority = p.priority AND t.status NOT IN ('RESOLVED', 'CLOSED')
    GROUP BY p.priority
    ORDER BY p.priority`;
}

export interface SlaBreaches {
  /** Open tickets not answered by their first-response deadline. */
  firstResponse: number;
  /** Open tickets not resolved by their resolution deadline. */
  resolution: number;
  /** Open tickets in breach of either (a ticket late on both counts once). */
  tickets: number;
}

/** Open tickets whose deadline has passed at `now` (the partial SLA indexes serve both halves). */
export async function slaBreaches(db: Db, now = new Date()): Promise<SlaBreaches> {
  const [row] = await db.$queryRaw<Array<{ first_response: number; resolution: number; tickets: number }>>`
    WITH late AS (
      SELECT (first_response_at IS NULL AND first_response_due_at < ${now}) AS first_response,
             (resolved_at IS NULL AND resolution_due_at < ${now}) AS resolution
      FROM support_tickets
      WHERE status NOT IN ('RESOLVED', 'CLOSED')
        AND ((first_response_at IS NULL AND first_response_due_at < ${now})
          OR (resolved_at IS NULL AND resolution_due_at < ${now}))
    )
    SELECT count(*) FILTER (WHERE first_response)::int AS first_response,
           count(*) FILTER (WHERE resolution)::int AS resolution,
           count(*)::int AS tickets
    FROM late`;
  return { firstResponse: row!.first_response, resolution: row!.resolution, tickets: row!.tickets };
}

export interface PendingWithdrawals {
  currency: Currency;
  count: number;
  /** Requested amounts (before tax), as a decimal string. */
  amount: string;
}

/** Withdrawals waiting for an admin or for payout (PENDING or APPROVED), per currency. */
export function pendingWithdrawals(db: Db): Promise<PendingWithdrawals[]> {
  return db.$queryRaw<PendingWithdrawals[]>`
    SELECT currency::text AS currency, count(*)::int AS count, trim_scale(sum(amount))::text AS amount
    FROM withdrawals
    WHERE status IN ('PENDING', 'APPROVED')
    GROUP BY currency
    ORDER BY currency`;
}
