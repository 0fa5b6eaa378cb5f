// The schema: every domain module registers its types on the builder.
import { builder } from "../builder.ts";
import "./errors.ts";
import "./catalogue.ts";
import "./user.ts";
import "./auth.ts";
import "./admin-auth.ts";
import "./photos.ts";
import "./photo-mutations.ts";
import "./generation.ts";
import "./generation-mutations.ts";
import "./payments.ts";
import "./referrals.ts";
import "./support.ts";
import "./partner-api.ts";
import "./admin/root.ts";
import "./admin/users.ts";
import "./admin/billing.ts";
import "./admin/catalogue.ts";
import "./admin/referrals.ts";
import "./admin/support.ts";
import "./admin/telegram.ts";
import "./admin/accounts.ts";
import "./admin/system.ts";
import "./admin/dashboard.ts";
import "./subscriptions.ts";

export const schema = builder.toSchema();
