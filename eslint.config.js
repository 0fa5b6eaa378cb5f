// ESLint: typescript-eslint's type-aware recommended rules over the TypeScript, and
// @graphql-eslint over the schema and the client's documents. Formatting is Prettier's.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
);
