// The operator console's frame: the signed-in account and role, the sections, the explorer.
import type { ReactNode } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql/index.ts";
import { Link, usePathname } from "../lib/router.tsx";
import { setSessionToken } from "../lib/session.ts";

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

const SECTIONS = [
  { to: "/operator", label: "Tickets" },
  { to: "/operator/users", label: "Users" },
  { to: "/operator/payments", label: "Payments" },
  { to: "/operator/withdrawals", label: "Withdrawals" },
  { to: "/operator/content", label: "Prompts & packs" },
];

export function OperatorShell({ children }: { children: ReactNode }) {
  const path = usePathname();
  const [{ data }] = useQuery({ query: AdminMeQuery });
  const [, signOut] = useMutation(AdminSignOutMutation);
  const leave = async () => {
    await signOut({});
    setSessionToken("admin", null);
  };
  const active = (to: string) => (to === "/operator" ? path === "/operator" || path.startsWith("/operator/tickets") : path.startsWith(to));
  const me = data?.adminMe;
  return (
    <div className="shell shell-wide">
      <header className="topbar topbar-operator">
        <Link to="/operator" className="brand">
          PinGlass <small>operator</small>
        </Link>
        <span className="who">{me ? `${me.displayName ?? me.username} · ${me.role.toLowerCase()}` : ""}</span>
        <a className="link-button" href="/admin/explorer" target="_blank" rel="noreferrer">
          Explorer
        </a>
        <button type="button" className="link-button" onClick={leave}>
          Sign out
        </button>
      </header>
      <nav className="tabs" aria-label="Console sections">
        {SECTIONS.map((s) => (
          <Link key={s.to} to={s.to} className={active(s.to) ? "tab is-active" : "tab"} aria-current={active(s.to) ? "page" : undefined}>
            {s.label}
          </Link>
        ))}
      </nav>
      <main className="page">{children}</main>
    </div>
  );
}
