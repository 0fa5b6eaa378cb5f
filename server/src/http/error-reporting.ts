// What a client learns from an error: domain errors keep their message and code;
// GraphQL errors (bad documents, limits, auth) pass as they are; anything
// unexpected becomes "Unexpected error" with the request id, and its details go
// to the log under that id. In production nothing internal leaves either: no "Did you
// mean …?" suggestions (they name fields to callers who may not introspect) and no
// `originalError` (Yoga's request parser puts the JSON parser's own message there).
import { GraphQLError, type ExecutionResult } from "graphql";
import { handleStreamOrSingleExecutionResult, isAsyncIterable, type Plugin } from "graphql-yoga";
import type { Context, ErrorLogger } from "../context.ts";
import { DomainError, ValidationError } from "../domain/errors.ts";

export type { ErrorLogger };

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

const SUGGESTION = /\s*Did you mean [\s\S]*\?$/;

/** The error as a client outside development may see it: its message without suggestions, no original error. */
export function withoutInternals(error: GraphQLError): GraphQLError {
  const { originalError: _original, stacktrace: _stack, exception: _exception, ...extensions } = error.extensions ?? {};
  return new GraphQLError(error.message.replace(SUGGESTION, ""), {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions,
  });
}

function cleanResult(result: ExecutionResult): ExecutionResult {
  return result.errors?.length ? { ...result, errors: result.errors.map(withoutInternals) } : result;
}

export function useErrorReporting(log: ErrorLogger, { hideInternals }: { hideInternals: boolean }): Plugin<Context> {
  const clean = (error: GraphQLError) => (hideInternals ? withoutInternals(error) : error);
  return {
    // Validation errors, over HTTP and graphql-ws alike (both validate through envelop).
    onValidate: () =>
      hideInternals
        ? ({ result, setResult }) => {
            if (result.length) setResult(result.map((e) => (e instanceof GraphQLError ? withoutInternals(e) : e)));
          }
        : undefined,
    onExecute({ args }) {
      const requestId = args.contextValue.requestId;
      return {
        onExecuteDone: (payload) =>
          handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            if (!result.errors?.length) return;
            setResult({ ...result, errors: result.errors.map((e) => clean(reportable(e, requestId, log))) });
          }),
      };
    },
    // Errors from before any document (a body that is not JSON, a bad multipart form).
    onResultProcess({ result, setResult }) {
      if (!hideInternals || isAsyncIterable(result)) return;
      setResult(Array.isArray(result) ? result.map(cleanResult) : cleanResult(result as ExecutionResult));
    },
  };
}
