// Where things live in the repository, resolved once from this file.
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const paths = {
  root,
  schemaDir: path.join(root, "prisma/schema"),
  migrationsDir: path.join(root, "prisma/migrations"),
  schemaGraphql: path.join(root, "schema.graphql"),
  dataDir: path.join(root, ".data"),
};
