// The admin GraphQL explorer: GraphiQL at /admin/explorer, on whatever the public
// GraphiQL setting is. Sign in with the prepared adminSignIn operation, paste the
// token into the Authorization header; admin sessions may introspect everywhere.
import { renderGraphiQL } from "graphql-yoga";
import { GRAPHQL_PATH } from "../app.ts";

export const ADMIN_EXPLORER_PATH = "/admin/explorer";

const SIGN_IN = `# 1. Run AdminSignIn, 2. copy "token" into the Headers tab below,
# 3. reload the docs (the schema is visible to admin sessions even when
#    introspection is off for the public).
mutation AdminSignIn {
  adminSignIn(input: { username: "admin", password: "" }) {
    __typename
    ... on AdminSignInPayload { token expiresAt admin { username role } }
    ... on Error { code message }
  }
}
`;

let page: string | undefined;

export function adminExplorerPage(): string {
  page ??= renderGraphiQL({
    title: "PinGlass admin explorer",
    endpoint: GRAPHQL_PATH,
    defaultQuery: SIGN_IN,
    headers: JSON.stringify({ Authorization: "Bearer <admin session token>" }, null, 2),
    shouldPersistHeaders: true,
    defaultEditorToolsVisibility: "headers",
    subscriptionsProtocol: "WS",
  });
  return page;
}
