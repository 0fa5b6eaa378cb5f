// pnpm generate (first step): writes schema.graphql from the Pothos schema.
import { writeFile } from "node:fs/promises";
import { paths } from "../paths.ts";
import { printSortedSchema } from "../schema/print.ts";

await writeFile(paths.schemaGraphql, printSortedSchema());
console.log(`wrote ${paths.schemaGraphql}`);
