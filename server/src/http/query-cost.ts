// What an operation may cost, measured before it runs, against its caller's budget.
//
// Scalars and enums cost 0, an object 1; a list multiplies the cost of its item by its
// size: a connection by its page (`first`/`last`, else the default page; its `edges` and
// `pageInfo` add nothing of their own), a list given by ids by their number, any other
// list (small bounded sets: tiers, styles, identities) by 10. So a client pays for what
// it asks for and sees the price in every answer as `extensions.cost { requested, limit }`.
// Budgets differ per audience (config `COST_LIMIT_*`). A refused operation runs nothing:
// its one error names the cost and the limit.
//
// Arguments are read as graphql-js coerces them, not through the schema's own argument
// validation: a bad argument stays that field's typed error (a mutation's error union),
// as if no budget existed.
import {
  getArgumentValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../builder.ts";
import type { Config } from "../config.ts";
import type { Context } from "../context.ts";

export type Audience = keyof Config["costLimits"];

const AUDIENCE_NAMES: Record<Audience, string> = {
  anonymous: "anonymous callers",
  user: "signed-in users",
  apiKey: "partner API keys",
  staff: "admin sessions",
};

export function audienceOf(context: Pick<Context, "user" | "admin" | "apiKey">): Audience {
  if (context.admin) return "staff";
  if (context.apiKey) return "apiKey";
  if (context.user) return "user";
  return "anonymous";
}

export interface OperationCost {
  requested: number;
  limit: number;
}

interface Measured {
  cost: OperationCost;
  breadth: number;
}

export function operationTooCostly({ requested, limit }: OperationCost, audience: Audience): GraphQLError {
  return new GraphQLError(
    `Query cost ${requested} exceeds the limit of ${limit} for ${AUDIENCE_NAMES[audience]}; ask for smaller pages (first/last) or fewer nested lists`,
    { extensions: { code: "QUERY_TOO_COMPLEX", kind: "cost", cost: { requested, limit } } },
  );
}

function operationTooBroad(breadth: number, maxBreadth: number): GraphQLError {
  return new GraphQLError(`Query exceeds maximum breadth (breadth: ${breadth}, max: ${maxBreadth})`, {
    extensions: { code: "QUERY_TOO_COMPLEX", kind: "breadth", breadth: { requested: breadth, limit: maxBreadth } },
  });
}

interface OperationArgs {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
  contextValue: Context;
}

/** What a list that is neither a connection nor given by ids counts for. */
export const PLAIN_LIST_SIZE = 10;

/** The cost of one selection of `field`, and what its sub-selection is multiplied by. */
function fieldCost(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): { own: number; multiplier: number } {
  const type = getNamedType(field.type);
  if (isLeafType(type) || type.name === "PageInfo") return { own: 0, multiplier: 1 };
  if (field.name === "edges" && type.name.endsWith("Edge")) return { own: 0, multiplier: 1 };
  if (type.name.endsWith("Connection") && field.args.some((arg) => arg.name === "first")) {
    const asked = Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
    // A page size outside 1…MAX_PAGE_SIZE is that field's own typed error (VALIDATION_FAILED):
    // none of its items is served, so they cost nothing and the error is the one the caller sees.
    const served = Number.isInteger(asked) && asked >= 1 && asked <= MAX_PAGE_SIZE ? asked : 0;
    return { own: 1, multiplier: served };
  }
  if (!isList(field.type)) return { own: 1, multiplier: 1 };
  return { own: 1, multiplier: Array.isArray(args.ids) ? args.ids.length : PLAIN_LIST_SIZE };
}

const isList = (type: GraphQLOutputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

/**
 * The cost and breadth (fields selected, fragments expanded) of the operation that will
 * run; undefined when its variables do not fit (execution then refuses it itself).
 * Each fragment is measured once per type, so spreading it many times costs no walk.
 */
export function measureOperation({
  schema,
  document,
  operationName,
  variableValues,
  limit,
}: OperationArgs & { limit: number }): Measured | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], variableValues ?? {});
  if (variables.errors) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measuredFragments = new Map<string, { cost: number; breadth: number }>();

  function selectionSet(set: SelectionSetNode, type: GraphQLNamedType): { cost: number; breadth: number } {
    let cost = 0;
    let breadth = 0;
    for (const selection of set.selections) {
      let part: { cost: number; breadth: number };
      if (selection.kind === Kind.FIELD) {
        part = fieldSelection(selection, type);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        part = selectionSet(
          selection.selectionSet,
          selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? type) : type,
        );
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) continue; // validation refused it already
        const key = `${fragment.name.value}@${type.name}`;
        part = measuredFragments.get(key) ?? { cost: 0, breadth: 0 };
        if (!measuredFragments.has(key)) {
          measuredFragments.set(key, part); // a cycle (refused by validation) counts 0
          part = selectionSet(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? type);
          measuredFragments.set(key, part);
        }
      }
      cost += part.cost;
      breadth += part.breadth;
    }
    return { cost, breadth };
  }

  function fieldSelection(node: FieldNode, parent: GraphQLNamedType): { cost: number; breadth: number } {
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
    if (!field) return { cost: 0, breadth: 1 }; // __typename, introspection (depth-limited)
    const { own, multiplier } = fieldCost(field, getArgumentValues(field, node, variables.coerced));
    if (!node.selectionSet) return { cost: own, breadth: 1 };
    const inner = selectionSet(node.selectionSet, getNamedType(field.type));
    return { cost: own + multiplier * inner.cost, breadth: 1 + inner.breadth };
  }

  const root = schema.getRootType(operation.operation);
  if (!root) return undefined;
  const { cost, breadth } = selectionSet(operation.selectionSet, root);
  return { cost: { requested: cost, limit }, breadth };
}

export function useQueryCost({ limits, maxBreadth }: { limits: Config["costLimits"]; maxBreadth: number }): Plugin<Context> {
  function judge(args: OperationArgs) {
    const audience = audienceOf(args.contextValue);
    const measured = measureOperation({ ...args, limit: limits[audience] });
    if (!measured) return { cost: undefined, refusal: undefined };
    const { cost, breadth } = measured;
    const refusal =
      breadth > maxBreadth
        ? operationTooBroad(breadth, maxBreadth)
        : cost.requested > cost.limit
          ? operationTooCostly(cost, audience)
          : undefined;
    return { cost, refusal };
  }

  return {
    onExecute({ args, setResultAndStopExecution }) {
      const { cost, refusal } = judge(args);
      if (refusal) return setResultAndStopExecution({ errors: [refusal], extensions: { cost } });
      if (!cost) return;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return; // incremental delivery: not used here
          setResult({ ...result, extensions: { ...result.extensions, cost } });
        },
      };
    },
    // A subscription is measured once, for its selection of each event.
    onSubscribe({ args, setResultAndStopExecution }) {
      const { cost, refusal } = judge(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal], extensions: { cost } });
    },
  };
}
