// The operator console's frame: the signed-in account and role, the sections, the explorer.
import type { ReactNode } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql/index.ts";
import { setSessionToken } from "../lib/session.ts";
import { Shell, type Section } from "./shell.tsx";

const AdminMeQuery = graphql(`
  query OperatorShell_AdminMeQuery {
    adminMe { id username displayName role }
  }
`);

const AdminSignOutMutation = graphql(`
  mutation OperatorShell_SignOutMutation {
    adminSignOut
  }
`);

const SECTIONS: Section[] = [
  { to: "/operator", label: "Tickets" },
  { to: "/operator/users", label: "Users" },
  { to: "/operator/payments", label: "Payments" },
  { to: "/operator/withdrawals", label: "Withdrawals" },
  { to: "/operator/content", label: "Prompts & packs" },
];

export function OperatorShell({ children }: { children: ReactNode }) {
  const [{ data }] = useQuery({ query: AdminMeQuery });
  const [, signOut] = useMutation(AdminSignOutMutation);
  const leave = async () => {
    await signOut({});
    setSessionToken("admin", null);
  };
  const me = data?.adminMe;
  return (
    <Shell
      variant="operator"
      home="/operator"
      brand={
        <>
          PinGlass <small>operator</small>
        </>
      }
      who={me ? `${me.displayName ?? me.username} · ${me.role.toLowerCase()}` : ""}
      sections={SECTIONS}
      sectionsLabel="Console sections"
      isActive={(to, path) => (to === "/operator" ? path === "/operator" || path.startsWith("/operator/tickets") : path.startsWith(to))}
      onSignOut={leave}
      actions={
        <a className="link-button" href="/admin/explorer" target="_blank" rel="noreferrer">
          Explorer
        </a>
      }
    >
      {children}
    </Shell>
  );
}
