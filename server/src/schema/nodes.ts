// `node(id:)` and `nodes(ids:)`, in place of the relay plugin's: that one answers a
// malformed id with an error without a code, and decodes every id of a list before it
// loads any, so one malformed id failed the whole list. Here a bad id is INVALID_ID, and in
// a list it is `null` at its position with an error carrying that path; the others load
// together. Someone else's id is `null` without an error, as for an unknown one.
import { decodeGlobalID, resolveNodes } from "@pothos/plugin-relay";
import { GraphQLError, isObjectType, type GraphQLResolveInfo } from "graphql";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { parseDatabaseId } from "./access.ts";

type DecodedId = { typename: string; id: unknown };

function invalidId(raw: string): GraphQLError {
  const shown = raw.length > 64 ? `${raw.slice(0, 64)}…` : raw;
  return new GraphQLError(`Not a valid node id: ${JSON.stringify(shown)}`, { extensions: { code: "INVALID_ID" } });
}

/** The id decoded and parsed as its type parses it (what the relay plugin does), or null. */
function decodeNodeId(raw: string, context: Context, info: GraphQLResolveInfo): DecodedId | null {
  try {
    const { typename, id } = decodeGlobalID(raw);
    const type = info.schema.getType(typename);
    if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === "Node")) return null;
    parseDatabaseId(id); // every node's id is a database serial: anything else fails here, alone
    // Pothos keeps each node type's id parser on the type's extensions.
    const parse = (type.extensions as { pothosParseGlobalID?: (id: string, context: Context) => unknown }).pothosParseGlobalID;
    return { typename, id: parse ? parse(id, context) : id };
  } catch {
    return null;
  }
}

builder.queryField("node", (t) =>
  t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, context, info) => {
      const raw = String(id);
      const decoded = decodeNodeId(raw, context, info);
      if (!decoded) throw invalidId(raw);
      const [node] = await resolveNodes(builder, context, info, [decoded]);
      return node;
    },
  }),
);

builder.queryField("nodes", (t) =>
  t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    args: { ids: t.arg.idList({ required: true }) },
    resolve: async (_root, { ids }, context, info) => {
      const raws = ids.map(String);
      const decoded = raws.map((raw) => decodeNodeId(raw, context, info));
      const loaded = await resolveNodes(builder, context, info, decoded);
      // An Error in a list is that position's error: graphql-js nulls it and reports its path.
      return loaded.map((node, index) => (decoded[index] ? node : invalidId(raws[index]!)));
    },
  }),
);
