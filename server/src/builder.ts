// Set-up only: plugins, scalars, context and auth scope types. Types live in schema/.
import SchemaBuilder from "@pothos/core";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ErrorsPlugin from "@pothos/plugin-errors";
import ValidationPlugin from "@pothos/plugin-validation";
import ComplexityPlugin from "@pothos/plugin-complexity";
import DataloaderPlugin from "@pothos/plugin-dataloader";
import { DateTimeResolver } from "graphql-scalars";
import type PrismaTypes from "./generated/pothos-types.ts";
import { getDatamodel } from "./generated/pothos-types.ts";
import type { Context } from "./context.ts";
import { DecimalScalar } from "./schema/scalars.ts";

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: { public: boolean; user: boolean };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Decimal: { Input: string; Output: { toString(): string } | string };
  };
}>({
  defaultFieldNullability: false,
  plugins: [
    ScopeAuthPlugin,
    PrismaPlugin,
    RelayPlugin,
    ErrorsPlugin,
    ValidationPlugin,
    ComplexityPlugin,
    DataloaderPlugin,
  ],
  scopeAuth: {
    authScopes: (context) => ({
      public: true,
      user: context.viewer !== null,
    }),
  },
  prisma: {
    // The client comes from the context, so tests and instances can each bring their own.
    client: (context) => context.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === "production" ? null : "error",
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    edgesFieldOptions: { nullable: false },
  },
  errors: { defaultTypes: [] },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: { complexity: 5000, depth: 12, breadth: 200 },
  },
});

builder.addScalarType("DateTime", DateTimeResolver);
builder.addScalarType("Decimal", DecimalScalar);

builder.queryType({});
