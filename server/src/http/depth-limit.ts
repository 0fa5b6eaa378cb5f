// Refuses documents nested deeper than the limit while validating, before anything
// executes; it sees the whole document, fragments and introspection included (the cost
// budget, http/query-cost.ts, does not look inside introspection fields). Introspection may nest as
// deep as the standard introspection query (GraphiQL, codegen) does.
import { GraphQLError, Kind, type ASTVisitor, type FieldNode, type SelectionSetNode, type ValidationContext } from "graphql";
import type { Plugin } from "graphql-yoga";

export interface DepthLimits {
  /** Deepest nesting of fields, counting the root field as 1 (Pothos' definition). */
  maxDepth: number;
  /** The same for `__schema` and `__type`. */
  maxIntrospectionDepth: number;
}

const INTROSPECTION_ROOTS = new Set(["__schema", "__type"]);

export function maxDepthRule({ maxDepth, maxIntrospectionDepth }: DepthLimits) {
  return (context: ValidationContext): ASTVisitor => {
    // Each fragment's depth is computed once, so fragments spreading each other many
    // times over cost no more than their number; a cycle counts as 0 here (NoFragmentCyclesRule reports it).
    const fragmentDepths = new Map<string, number>();
    const inProgress = new Set<string>();

    function fragmentDepth(name: string): number {
      const known = fragmentDepths.get(name);
      if (known !== undefined) return known;
      const fragment = context.getFragment(name);
      if (!fragment || inProgress.has(name)) return 0;
      inProgress.add(name);
      const depth = selectionDepth(fragment.selectionSet);
      inProgress.delete(name);
      fragmentDepths.set(name, depth);
      return depth;
    }

    function selectionDepth(selectionSet: SelectionSetNode): number {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        const depth =
          selection.kind === Kind.FIELD
            ? 1 + (selection.selectionSet ? selectionDepth(selection.selectionSet) : 0)
            : selection.kind === Kind.FRAGMENT_SPREAD
              ? fragmentDepth(selection.name.value)
              : selectionDepth(selection.selectionSet);
        if (depth > deepest) deepest = depth;
      }
      return deepest;
    }

    /** The root fields of an operation, through its fragments. */
    function rootFields(selectionSet: SelectionSetNode, seen = new Set<string>(), into: FieldNode[] = []): FieldNode[] {
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) into.push(selection);
        else if (selection.kind === Kind.INLINE_FRAGMENT) rootFields(selection.selectionSet, seen, into);
        else if (!seen.has(selection.name.value)) {
          seen.add(selection.name.value);
          const fragment = context.getFragment(selection.name.value);
          if (fragment) rootFields(fragment.selectionSet, seen, into);
        }
      }
      return into;
    }

    return {
      OperationDefinition(operation) {
        for (const field of rootFields(operation.selectionSet)) {
          const max = INTROSPECTION_ROOTS.has(field.name.value) ? maxIntrospectionDepth : maxDepth;
          const depth = 1 + (field.selectionSet ? selectionDepth(field.selectionSet) : 0);
          if (depth > max) {
            context.reportError(
              new GraphQLError(`Query exceeds maximum depth (depth: ${depth}, max: ${max})`, {
                nodes: [field],
                extensions: { code: "DEPTH_LIMIT_EXCEEDED" },
              }),
            );
            return;
          }
        }
      },
    };
  };
}

export function useDepthLimit(limits: DepthLimits): Plugin {
  const rule = maxDepthRule(limits);
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
    },
  };
}
