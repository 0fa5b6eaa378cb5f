// The schema: one module per object type or aggregate, each holding its node, its fields
// (audience-specific ones guarded by `authScopes` on the field), its connections and the
// root queries and mutations that serve it. This is the one list of modules.
import { builder } from "../builder.ts";
import "./errors.ts";
import "./nodes.ts";
import "./admin-queries.ts";
// Users and sessions
import "./user.ts";
import "./user-sessions.ts";
import "./user-moderation.ts";
// Avatars, photos, galleries, generation
import "./photos.ts";
import "./photo-mutations.ts";
import "./shared-galleries.ts";
import "./generation.ts";
// Catalogue
import "./pricing-tiers-and-styles.ts";
import "./photo-packs.ts";
import "./saved-prompts.ts";
// Payments
import "./payments.ts";
import "./payment-checkout.ts";
import "./payment-provider-events.ts";
import "./promo-codes.ts";
// Referrals and partners
import "./referrals.ts";
import "./referral-ledger.ts";
import "./withdrawals.ts";
import "./partners.ts";
import "./partner-api.ts";
// Support desk
import "./support.ts";
import "./support-desk.ts";
import "./support-ticket-actions.ts";
import "./support-drafts.ts";
import "./support-canned-responses.ts";
import "./support-sla-and-operators.ts";
// Admin panel accounts and system
import "./admin-accounts.ts";
import "./settings.ts";
import "./audit-log.ts";
import "./system-logs-and-alerts.ts";
import "./admin-notifications.ts";
import "./dashboard.ts";
// Telegram
import "./telegram-outbox.ts";
import "./telegram-broadcasts.ts";
import "./telegram-affiliate-and-mtproto.ts";
import "./subscriptions.ts";

export const schema = builder.toSchema();
