// A request that cannot be read as GraphQL (a multipart form whose `operations` or `map`
// is not JSON, …) is the client's mistake: HTTP 400, as the GraphQL multipart request
// specification asks, where Yoga's parsers answer 200.
import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";

function asBadRequest(error: unknown): unknown {
  if (!(error instanceof GraphQLError) || (error.extensions?.http as { status?: number } | undefined)?.status) return error;
  return new GraphQLError(error.message, {
    extensions: { ...error.extensions, code: error.extensions?.code ?? "BAD_REQUEST", http: { status: 400 } },
  });
}

export function useBadRequestStatus(): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          throw asBadRequest(error);
        }
      });
    },
  };
}
