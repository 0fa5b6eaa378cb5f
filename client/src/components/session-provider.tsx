// Provides the urql client of one kind of session, built anew whenever the session
// changes (sign in, sign out, a refused token), so no cache outlives its session.
import { useEffect, useMemo, type ReactNode } from "react";
import { Provider } from "urql";
import { setSessionToken, useSessionToken, type SessionKind } from "../lib/session.ts";
import { createUrqlClient } from "../lib/urql.ts";

export function SessionProvider({ kind, children }: { kind: SessionKind; children: (signedIn: boolean) => ReactNode }) {
  const token = useSessionToken(kind);
  const session = useMemo(() => createUrqlClient({ token, onUnauthenticated: () => setSessionToken(kind, null) }), [kind, token]);
  useEffect(() => () => session.dispose(), [session]);
  return <Provider value={session.client}>{children(token !== null)}</Provider>;
}
