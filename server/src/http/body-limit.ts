// Refuses request bodies over the configured size before anything parses them.
import { createGraphQLError, type Plugin } from "graphql-yoga";

export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const length = Number(request.headers.get("content-length") ?? 0);
      if (length > maxBytes) {
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({
              errors: [
                createGraphQLError(`Request body is larger than ${maxBytes} bytes`, {
                  extensions: { code: "PAYLOAD_TOO_LARGE" },
                }).toJSON(),
              ],
            }),
            { status: 413, headers: { "content-type": "application/json" } },
          ),
        );
      }
    },
  };
}
