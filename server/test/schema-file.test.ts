import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { paths } from "../src/paths.ts";
import { printSortedSchema } from "../src/schema/print.ts";

it("schema.graphql is the current, sorted Pothos schema (run `pnpm generate` when this fails)", async () => {
  expect(await readFile(paths.schemaGraphql, "utf8")).toBe(printSortedSchema());
});
