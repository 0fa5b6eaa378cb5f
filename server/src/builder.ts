// Set-up only: plugins, scalars, context, auth scopes and error handling defaults.
// Types live in schema/<domain>.ts.
import SchemaBuilder from "@pothos/core";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ErrorsPlugin from "@pothos/plugin-errors";
import ValidationPlugin from "@pothos/plugin-validation";
import DataloaderPlugin from "@pothos/plugin-dataloader";
import { GraphQLError } from "graphql";
import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import { z } from "zod";
import type PrismaTypes from "./generated/pothos-types.ts";
import { getDatamodel } from "./generated/pothos-types.ts";
import type { Context } from "./context.ts";
import type { ApiKeyScope } from "./generated/prisma/enums.ts";
import { ValidationError } from "./domain/errors.ts";
import { DecimalScalar } from "./schema/scalars.ts";

/** Largest page any connection serves; `first`/`last` outside 1…100 are refused. */
export const MAX_PAGE_SIZE = 100;
/** The page a connection serves when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;
const pageSize = z.number().int().min(1, "must be at least 1").max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`);

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: {
    /** Anyone, signed in or not. */
    public: boolean;
    /** A signed-in, not banned user (banned sessions are refused when the context is built). */
    user: boolean;
    /** Any admin panel account: VIEWER reads what admins read and changes nothing. */
    staff: boolean;
    /** OPERATOR or ADMIN: the support desk and user moderation. */
    operator: boolean;
    /** ADMIN: everything. */
    admin: boolean;
    /** A partner API key carrying this scope. */
    apiKey: ApiKeyScope;
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Decimal: { Input: string; Output: { toString(): string } | string };
    File: { Input: File; Output: never };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  defaultFieldNullability: false,
  // scope-auth first: nothing else runs before a field's access rule.
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin, ErrorsPlugin, ValidationPlugin, DataloaderPlugin],
  scopeAuth: {
    // A subscription field's scopes are checked when subscribing (an error before any event);
    // each event is then re-authorised with the type's own read policy (schema/live-subscription.ts).
    authorizeOnSubscribe: true,
    authScopes: (context) => ({
      public: true,
      user: context.user !== null,
      staff: context.admin !== null,
      operator: context.admin?.role === "OPERATOR" || context.admin?.role === "ADMIN",
      admin: context.admin?.role === "ADMIN",
      apiKey: (scope) => context.apiKey?.scopes.includes(scope) ?? false,
    }),
    unauthorizedError: (_parent, context) =>
      context.user || context.admin || context.apiKey
        ? new GraphQLError("Not allowed", { extensions: { code: "FORBIDDEN" } })
        : new GraphQLError("Sign in first", { extensions: { code: "UNAUTHENTICATED" } }),
  },
  prisma: {
    // The client comes from the context, so tests and instances can each bring their own.
    client: (context) => context.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    maxConnectionSize: MAX_PAGE_SIZE,
    // Tests fail on a resolver that ignores the nested selection (an N+1); a development
    // server only warns, so it never answers differently from production for the same input.
    onUnusedQuery: process.env.NODE_ENV === "test" ? "error" : process.env.NODE_ENV === "production" ? null : "warn",
  },
  relay: {
    clientMutationId: "omit",
    // node(id:) and nodes(ids:) are schema/nodes.ts: a malformed id is a typed INVALID_ID
    // (the plugin's is an uncoded error), and fails only its own position in a list.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    cursorType: "String",
    edgesFieldOptions: { nullable: false },
    firstArgOptions: { validate: pageSize },
    lastArgOptions: { validate: pageSize },
  },
  errors: {
    // Every field that declares errors also answers bad input with a typed ValidationError.
    defaultTypes: [ValidationError],
    unsafelyHandleInputErrors: true,
    // A mutation answers its payload type itself, or one of its error types.
    directResult: true,
  },
  validation: {
    validationError: (result) =>
      new ValidationError(
        result.issues.map((issue) => ({
          field: (issue.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join("."),
          message: issue.message,
        })),
      ),
  },
});

builder.addScalarType("DateTime", DateTimeResolver);
builder.addScalarType("Decimal", DecimalScalar);
builder.addScalarType("JSON", JSONResolver);
builder.scalarType("File", {
  description: "A file sent with the GraphQL multipart request specification.",
  serialize: () => {
    throw new Error("File is an input-only scalar");
  },
});

builder.queryType({});
builder.mutationType({});
