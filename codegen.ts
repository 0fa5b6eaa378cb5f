// Typed documents from schema.graphql (which `pnpm generate` prints from the
// Pothos schema): the React client's, and the server tests' operations.
import type { CodegenConfig } from "@graphql-codegen/cli";

const clientPreset = {
  preset: "client",
  config: {
    scalars: { DateTime: "string", Decimal: "string", File: "File", JSON: "unknown" },
    strictScalars: true,
    enumsAsTypes: true,
    useTypeImports: true,
    documentMode: "documentNode",
  },
} as const;

const config: CodegenConfig = {
  schema: "schema.graphql",
  // ESM: relative imports in generated files carry their extension.
  emitLegacyCommonJSImports: false,
  generates: {
    "client/src/gql/": {
      ...clientPreset,
      documents: ["client/src/**/*.{ts,tsx}", "!client/src/gql/**"],
    },
    "server/test/gql/": {
      ...clientPreset,
      documents: ["server/test/**/*.ts", "!server/test/gql/**"],
    },
  },
  hooks: {},
};

export default config;
