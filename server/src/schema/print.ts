// schema.graphql's content: the Pothos schema printed in lexicographic order.
import { lexicographicSortSchema, printSchema } from "graphql";
import { schema } from "./index.ts";

export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
