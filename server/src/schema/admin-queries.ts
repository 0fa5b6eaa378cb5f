// The admin panel's entry point: `Query.admin` groups every admin list and figure; each
// type's module adds its lists with `builder.objectFields(AdminQueries, …)`.
import { builder } from "../builder.ts";

export const AdminQueries = builder.objectRef<Record<string, never>>("AdminQueries").implement({
  description: "What the admin panel reads. Every admin panel account (VIEWER included) may read.",
  // Fields come from the modules of the types they list (`role`: admin-accounts.ts).
  fields: () => ({}),
});

builder.queryField("admin", (t) =>
  t.field({
    type: AdminQueries,
    authScopes: { staff: true },
    description: "Admin panel reads; null-free entry for staff, UNAUTHENTICATED/FORBIDDEN for everyone else.",
    resolve: () => ({}),
  }),
);
