// Checks that fields beyond a type's public set are for staff only: asked for by the
// row's owner, each answers FORBIDDEN and leaks no value.
import { getNamedType, isLeafType, isNonNullType, isObjectType } from "graphql";
import { expect } from "vitest";
import { schema } from "../../src/schema/index.ts";
import type { TestApi } from "./harness.ts";

/** The fields of `typeName` that are not in `publicFields`. */
export function fieldsBeyond(typeName: string, publicFields: string[]): string[] {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  return Object.keys(type.getFields())
    .filter((name) => !publicFields.includes(name))
    .sort();
}

export async function expectStaffOnly(
  api: TestApi,
  ownerHeaders: Record<string, string>,
  typeName: string,
  nodeId: string,
  fields: string[],
) {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  for (const name of fields) {
    const field = type.getFields()[name]!;
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
    const selection = isLeafType(getNamedType(field.type)) ? name : `${name} { __typename }`;
    const response = await api.app.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...ownerHeaders },
      body: JSON.stringify({
        query: `query ($id: ID!) { node(id: $id) { ... on ${typeName} { ${selection} } } }`,
        variables: { id: nodeId },
      }),
    });
    const body = (await response.json()) as {
      data?: { node?: Record<string, unknown> | null };
      errors?: Array<{ extensions?: { code?: string } }>;
    };
    expect(body.errors?.[0]?.extensions?.code, `${typeName}.${name} as the owner`).toBe("FORBIDDEN");
    expect(body.data?.node?.[name] ?? null, `${typeName}.${name} leaked`).toBeNull();
  }
}
