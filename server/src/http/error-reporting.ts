// What a client learns from an error: domain errors keep their message and code;
// GraphQL errors (bad documents, limits, auth) pass as they are; anything
// unexpected becomes "Unexpected error" with the request id, and its details go
// to the log under that id.
import { GraphQLError } from "graphql";
import { handleStreamOrSingleExecutionResult, type Plugin } from "graphql-yoga";
import type { Context } from "../context.ts";
import { DomainError, ValidationError } from "../domain/errors.ts";

export type ErrorLogger = (entry: { requestId: string; error: unknown; path?: readonly (string | number)[] }) => void;

function reportable(error: GraphQLError, requestId: string, log: ErrorLogger): GraphQLError {
  const original = error.originalError;
  if (!original || original instanceof GraphQLError) return error;
  if (original instanceof DomainError) {
    return new GraphQLError(original.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: {
        code: original.code,
        ...(original instanceof ValidationError ? { fieldErrors: original.fieldErrors } : {}),
      },
    });
  }
  log({ requestId, error: original, path: error.path });
  return new GraphQLError("Unexpected error", {
    nodes: error.nodes,
    path: error.path,
    extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
  });
}

export function useErrorReporting(log: ErrorLogger): Plugin<Context> {
  return {
    onExecute({ args }) {
      const requestId = args.contextValue.requestId;
      return {
        onExecuteDone: (payload) =>
          handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            if (!result.errors?.length) return;
            setResult({ ...result, errors: result.errors.map((e) => reportable(e, requestId, log)) });
          }),
      };
    },
  };
}
