// Telegram, admin side: the bot's affiliate program settings (read by staff, changed by
// ADMIN, audited) and the MTProto sessions (listed without their session string, which
// never enters the schema).
import { z } from "zod";
import { builder } from "../builder.ts";
import { audited } from "../domain/audit.ts";
import { CURRENT_AFFILIATE_FIRST, updateAffiliateSettings } from "../domain/broadcasts.ts";
import { staffOnlyLookup } from "./access.ts";
import { AdminQueries } from "./admin-queries.ts";
import { newestFirst } from "./ordering.ts";

// ---------------------------------------------------------------------------------------
// Affiliate program settings
// ---------------------------------------------------------------------------------------

const TelegramAffiliateSetting = builder.prismaNode("TelegramAffiliateSetting", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, context) => staffOnlyLookup(id, context, "TelegramAffiliateSetting"),
  authScopes: { staff: true },
  description: "Telegram's affiliate program for the bot. Every change is a new row; at most one is active.",
  fields: (t) => ({
    commissionPerMille: t.exposeInt("commissionPerMille", { description: "1–1000 (‰)." }),
    commissionPercent: t.field({ type: "Decimal", resolve: (setting) => (setting.commissionPerMille / 10).toString() }),
    durationMonths: t.exposeInt("durationMonths", { nullable: true, description: "Null: no time limit." }),
    isActive: t.exposeBoolean("isActive"),
    updatedBy: t.relation("updatedBy", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.objectFields(AdminQueries, (t) => ({
  affiliateSettings: t.prismaField({
    type: TelegramAffiliateSetting,
    nullable: true,
    description: "The affiliate settings in force (the active row), else the latest (the program is off), else null.",
    resolve: (query, _root, _args, { prisma }) => prisma.telegramAffiliateSetting.findFirst({ ...query, orderBy: CURRENT_AFFILIATE_FIRST }),
  }),
}));

const UpdateAffiliateSettingsInput = builder.inputType("UpdateAffiliateSettingsInput", {
  fields: (t) => ({
    commissionPerMille: t.int({ required: true, description: "1–1000 (‰)." }),
    durationMonths: t.int({ description: "Null: no time limit." }),
    isActive: t.boolean({ required: true }),
  }),
  validate: z.object({
    commissionPerMille: z.number().int().min(1, "at least 1").max(1000, "at most 1000"),
    durationMonths: z.number().int().min(1, "at least 1").max(120, "at most 120").nullish(),
    isActive: z.boolean(),
  }),
});

builder.mutationFields((t) => ({
  updateAffiliateSettings: t.prismaField({
    type: TelegramAffiliateSetting,
    description: "Sets the bot's affiliate program (a new settings row; the previous stays as history). Admin only.",
    authScopes: { admin: true },
    errors: {},
    args: { input: t.arg({ type: UpdateAffiliateSettingsInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await audited(context, "affiliate_settings.update", { type: "TelegramAffiliateSetting" }, async (tx) => {
        const { id, before, after } = await updateAffiliateSettings(tx, context.admin!.id, input);
        return { result: id, targetId: id, before, after };
      });
      return context.prisma.telegramAffiliateSetting.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

// ---------------------------------------------------------------------------------------
// MTProto sessions
// ---------------------------------------------------------------------------------------

/** Only the last four digits: enough to tell sessions apart. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return `${phone.trim().startsWith("+") ? "+" : ""}${"•".repeat(Math.max(digits.length - 4, 0))}${digits.slice(-4)}`;
}

// Select mode: only the columns the exposed fields name are read, so the session string
// never leaves the database through the API (not even into memory).
const TelegramMtprotoSession = builder.prismaNode("TelegramMtprotoSession", {
  id: { field: "id" },
  nullable: true,
  select: { id: true },
  findUnique: (id, context) => staffOnlyLookup(id, context, "TelegramMtprotoSession"),
  authScopes: { staff: true },
  description: "A Telegram user-account session that admins signed in for tasks the Bot API cannot do. Its secret is never exposed.",
  fields: (t) => ({
    phoneNumber: t.string({
      description: "Masked: only the last four digits.",
      select: { phoneNumber: true },
      resolve: (session) => maskPhone(session.phoneNumber),
    }),
    isActive: t.exposeBoolean("isActive"),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true }),
    admin: t.relation("admin", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

const MtprotoSessionFilter = builder.inputType("MtprotoSessionFilter", {
  fields: (t) => ({ active: t.boolean() }),
});

const mtprotoWhere = (filter: { active?: boolean | null } | null | undefined) =>
  filter?.active != null ? { isActive: filter.active } : {};

builder.objectFields(AdminQueries, (t) => ({
  mtprotoSessions: t.prismaConnection({
    type: TelegramMtprotoSession,
    cursor: "id",
    description: "MTProto sessions, newest first (never their session string).",
    args: { filter: t.arg({ type: MtprotoSessionFilter }) },
    totalCount: (_connection, { filter }, { prisma }) => prisma.telegramMtprotoSession.count({ where: mtprotoWhere(filter) }),
    resolve: (query, _root, { filter }, { prisma }) =>
      prisma.telegramMtprotoSession.findMany({ ...query, where: mtprotoWhere(filter), orderBy: newestFirst }),
  }),
}));
