// ESLint: typescript-eslint's type-aware recommended rules over the TypeScript, and
// @graphql-eslint over the schema and the client's documents. Formatting is Prettier's.
import js from "@eslint/js";
import graphqlPlugin from "@graphql-eslint/eslint-plugin";
import tseslint from "typescript-eslint";

const graphQLConfig = { schema: "schema.graphql", documents: ["client/src/**/*.{ts,tsx}"] };

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/",
      "server/src/generated/",
      "client/src/gql/",
      "server/test/gql/",
      "client/dist/",
      ".data/",
      "test-artifacts/",
    ],
  },
  {
    files: ["**/*.{ts,tsx,mts}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    // The packages' own tsconfigs (server's includes bench/ and prisma/).
    languageOptions: {
      parserOptions: {
        project: ["server/tsconfig.json", "client/tsconfig.json", "client/tsconfig.node.json"],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // node:test's describe/it return promises the runner itself awaits.
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["describe", "it", "test", "suite", "before", "after"] }],
        },
      ],
      // React ignores what an event handler returns, and urql's mutations resolve with their
      // error instead of rejecting: a promise-returning onClick/onSubmit is fine.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/consistent-type-imports": "error",
      // A `default:` is a deliberate catch-all; what must not happen is a union case forgotten without one.
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
    },
  },
  // GraphQL: the client's documents, pulled out of its graphql(`…`) calls by the processor…
  { files: ["client/src/**/*.{ts,tsx}"], processor: graphqlPlugin.processor },
  {
    files: ["**/*.graphql"],
    languageOptions: { parser: graphqlPlugin.parser, parserOptions: { graphQLConfig } },
    plugins: { "@graphql-eslint": graphqlPlugin },
  },
  {
    files: ["client/src/**/*.graphql"],
    rules: {
      "@graphql-eslint/no-deprecated": "error",
      "@graphql-eslint/no-unused-fragments": "error",
      "@graphql-eslint/no-anonymous-operations": "error",
      "@graphql-eslint/unique-operation-name": "error",
      "@graphql-eslint/unique-fragment-name": "error",
      "@graphql-eslint/no-duplicate-fields": "error",
      // codegen's client preset names: <Component>_<Name>Query | Mutation | Subscription | Fragment.
      "@graphql-eslint/naming-convention": [
        "error",
        {
          OperationDefinition: { style: "PascalCase", ignorePattern: "^[A-Z][A-Za-z0-9]*_[A-Z][A-Za-z0-9]*(Query|Mutation|Subscription)$" },
          FragmentDefinition: { style: "PascalCase", ignorePattern: "^[A-Z][A-Za-z0-9]*_[A-Z][A-Za-z0-9]*Fragment$" },
        },
      ],
    },
  },
  // …and the schema the server prints.
  {
    files: ["schema.graphql"],
    rules: {
      "@graphql-eslint/naming-convention": [
        "error",
        {
          types: "PascalCase",
          FieldDefinition: "camelCase",
          InputValueDefinition: "camelCase",
          Argument: "camelCase",
          EnumValueDefinition: "UPPER_CASE",
        },
      ],
      "@graphql-eslint/no-unreachable-types": "error",
      "@graphql-eslint/unique-enum-value-names": "error",
    },
  },
);
