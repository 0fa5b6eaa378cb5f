// Typed documents from schema.graphql (which `pnpm generate` prints from the
// Pothos schema): the React client's, and the server tests' operations.
import type { CodegenConfig } from "@graphql-codegen/cli";
import { addTypenameSelectionDocumentTransform } from "@graphql-codegen/client-preset";

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
      // Trusted documents: each document carries its hash (`__meta__.hash`), and
      // persisted-documents.json (hash → text) is what the API accepts when
      // PERSISTED_DOCUMENTS=enforce. urql adds __typename to every selection set before
      // sending, so the documents are hashed with it already there.
      presetConfig: { persistedDocuments: { hashAlgorithm: "sha256" } },
      documentTransforms: [addTypenameSelectionDocumentTransform],
      // The document mode that embeds the hashes (documentNode leaves them out).
      config: { ...clientPreset.config, documentMode: "documentNodeImportFragments" },
    },
    "server/test/gql/": {
      ...clientPreset,
      documents: ["server/test/**/*.ts", "!server/test/gql/**"],
    },
  },
  hooks: {},
};

export default config;
