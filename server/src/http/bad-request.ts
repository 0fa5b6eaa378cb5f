// A request that cannot be read as GraphQL (a multipart form whose `operations` or `map`
// is not JSON, or is JSON but not an object, …) is the client's mistake: HTTP 400, as the
// GraphQL multipart request specification asks, where Yoga's parsers answer 200, or 500
// when they trip over a `null` they did not expect.
import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";

const badRequest = (message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { ...extensions, code: extensions.code ?? "BAD_REQUEST", http: { status: 400 } } });

const NOT_A_REQUEST = "A GraphQL request is a JSON object with a `query` (or a persisted document's hash)";

function asBadRequest(error: unknown): unknown {
  if (!(error instanceof GraphQLError)) return badRequest(NOT_A_REQUEST);
  if (error.extensions?.http?.status) return error;
  return badRequest(error.message, error.extensions);
}

const isObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);

export function useBadRequestStatus(): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        let params: Awaited<ReturnType<typeof requestParser>>;
        try {
          params = await requestParser(request);
        } catch (error) {
          throw asBadRequest(error);
        }
        // A batch is a list of requests; anything else must be one request object.
        if (!(Array.isArray(params) ? params.every(isObject) : isObject(params))) {
          throw badRequest(NOT_A_REQUEST);
        }
        return params;
      });
    },
  };
}
