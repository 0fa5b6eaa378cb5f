// PostgreSQL text cannot hold U+0000: a NUL in any string argument would reach the
// database and fail there as an unexpected error. Refused up front instead, with a typed
// error naming where it was, for literals in the document and for variables alike.
// Both walks keep their own stack: variables may be nested as deep as the body allows.
import { GraphQLError, Kind, visit, type DocumentNode } from "graphql";
import type { Plugin } from "graphql-yoga";

const NUL = "\u0000";

function variableWithNul(variables: unknown): string | undefined {
  const stack: [unknown, string][] = [[variables, ""]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === "string") {
      if (value.includes(NUL)) return path;
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, `${path}[${i}]`]));
    } else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) stack.push([item, path ? `${path}.${key}` : key]);
    }
  }
  return undefined;
}

function literalWithNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING](node) {
      if (node.value.includes(NUL)) found = true;
    },
  });
  return found;
}

function nulRefusal(where: string) {
  return new GraphQLError(`Text may not contain the NUL character (U+0000): ${where}`, { extensions: { code: "BAD_USER_INPUT" } });
}

function check({ document, variableValues }: { document: DocumentNode; variableValues?: unknown }) {
  const variable = variableWithNul(variableValues);
  if (variable !== undefined) return nulRefusal(`variable $${variable}`);
  if (literalWithNul(document)) return nulRefusal("a string in the document");
  return undefined;
}

export function useTextInput(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = check(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = check(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}
