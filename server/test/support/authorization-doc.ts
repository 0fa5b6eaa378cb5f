// Writes docs/authorization.md from the authorization matrix's table (pnpm docs:authorization),
// or with --check fails when the file differs from what the table generates.
import { readFile, writeFile } from "node:fs/promises";
import { AUTHORIZATION_DOC as target, authorizationDoc } from "./authorization-audiences.ts";
import { AUTHORIZATION_NOTES, AUTHORIZATION_TABLE } from "./authorization-table.ts";

const expected = await authorizationDoc(AUTHORIZATION_TABLE, AUTHORIZATION_NOTES);

if (process.argv.includes("--check")) {
  const written = await readFile(target, "utf8").catch(() => "");
  if (written !== expected) {
    console.error("docs/authorization.md is stale: run 'pnpm docs:authorization' and commit the result.");
    process.exit(1);
  }
  console.log("docs/authorization.md matches the authorization table.");
} else {
  await writeFile(target, expected);
  console.log(`wrote ${target}`);
}
