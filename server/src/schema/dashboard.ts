// Admin dashboard: figures computed by PostgreSQL (domain/dashboard.ts), one statement
// per figure, run only when the figure is asked for.
import { builder } from "../builder.ts";
import {
  dashboardRange,
  type DashboardRange,
  type GenerationFigures,
  generationSuccess,
  openTicketsByPriority,
  pendingWithdrawals,
  type PendingWithdrawals,
  type PriorityCount,
  revenueByProviderAndDay,
  type RevenueRow,
  slaBreaches,
  type SlaBreaches,
} from "../domain/dashboard.ts";
import { ValidationError } from "../domain/errors.ts";
import { AdminQueries } from "./admin-queries.ts";
import { DateRangeInput } from "./filters.ts";
import { Currency, PaymentProvider } from "./payments.ts";
import { TicketPriority } from "./support.ts";

const RevenueDay = builder.objectRef<RevenueRow>("DashboardRevenue").implement({
  description: "Succeeded, non-test payments of one provider on one UTC day.",
  fields: (t) => ({
    day: t.exposeString("day", { description: "The UTC calendar day, YYYY-MM-DD." }),
    provider: t.expose("provider", { type: PaymentProvider }),
    amount: t.expose("amount", { type: "Decimal", description: "Sum of the payments' amounts, in RUB." }),
    payments: t.exposeInt("payments", { description: "How many payments." }),
  }),
});

const GenerationSuccess = builder.objectRef<GenerationFigures>("DashboardGeneration").implement({
  description: "Generation jobs created in the range (test-mode jobs excluded).",
  fields: (t) => ({
    completed: t.exposeInt("completed"),
    failed: t.exposeInt("failed"),
    inProgress: t.exposeInt("inProgress", { description: "PENDING or PROCESSING." }),
    successRate: t.exposeFloat("successRate", {
      nullable: true,
      description: "completed / (completed + failed), from 0 to 1; null when no job has finished.",
    }),
  }),
});

const TicketsByPriority = builder.objectRef<PriorityCount>("DashboardTicketCount").implement({
  fields: (t) => ({
    priority: t.expose("priority", { type: TicketPriority }),
    count: t.exposeInt("count"),
  }),
});

const SlaBreachCounts = builder.objectRef<SlaBreaches>("DashboardSlaBreaches").implement({
  description: "Open tickets (not RESOLVED or CLOSED) past a deadline, now.",
  fields: (t) => ({
    firstResponse: t.exposeInt("firstResponse", { description: "Not answered by the first-response deadline." }),
    resolution: t.exposeInt("resolution", { description: "Not resolved by the resolution deadline." }),
    tickets: t.exposeInt("tickets", { description: "Past either deadline (each ticket once)." }),
  }),
});

const WithdrawalsWaiting = builder.objectRef<PendingWithdrawals>("DashboardPendingWithdrawals").implement({
  description: "Withdrawals waiting for an admin or a payout (PENDING or APPROVED) in one currency.",
  fields: (t) => ({
    currency: t.expose("currency", { type: Currency }),
    count: t.exposeInt("count"),
    amount: t.expose("amount", { type: "Decimal", description: "Sum of the requested amounts." }),
  }),
});

const AdminDashboard = builder.objectRef<DashboardRange>("AdminDashboard").implement({
  description:
    "Dashboard figures. Revenue and generation cover the range (the last 30 days when none is given); " +
    "tickets, SLA breaches and withdrawals are the current state.",
  fields: (t) => ({
    from: t.expose("from", { type: "DateTime", nullable: true }),
    to: t.expose("to", { type: "DateTime", nullable: true }),
    revenue: t.field({
      type: [RevenueDay],
      description: "Per UTC day (by payment creation time) and provider, oldest day first.",
      resolve: (range, _args, { prisma }) => revenueByProviderAndDay(prisma, range),
    }),
    generation: t.field({
      type: GenerationSuccess,
      resolve: (range, _args, { prisma }) => generationSuccess(prisma, range),
    }),
    openTicketsByPriority: t.field({
      type: [TicketsByPriority],
      description: "Every priority, P1 first, zero included.",
      resolve: (_range, _args, { prisma }) => openTicketsByPriority(prisma),
    }),
    slaBreaches: t.field({
      type: SlaBreachCounts,
      resolve: (_range, _args, { prisma }) => slaBreaches(prisma),
    }),
    pendingWithdrawals: t.field({
      type: [WithdrawalsWaiting],
      description: "Per currency; currencies with none are left out.",
      resolve: (_range, _args, { prisma }) => pendingWithdrawals(prisma),
    }),
  }),
});

builder.objectField(AdminQueries, "dashboard", (t) =>
  t.field({
    type: AdminDashboard,
    args: { range: t.arg({ type: DateRangeInput }) },
    resolve: (_root, { range }) => {
      if (range?.from && range.to && range.from >= range.to) throw ValidationError.of("range.to", "must be after range.from");
      return dashboardRange(range);
    },
  }),
);
