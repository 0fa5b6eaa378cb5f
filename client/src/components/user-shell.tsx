// The signed-in user's frame: who is signed in, the sections, signing out.
import type { ReactNode } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql/index.ts";
import { Link, usePathname } from "../lib/router.tsx";
import { setSessionToken } from "../lib/session.ts";

const ViewerQuery = graphql(`
  query UserShell_ViewerQuery {
    viewer { id name telegramUsername }
  }
`);

const SignOutMutation = graphql(`
  mutation UserShell_SignOutMutation {
    signOut
  }
`);

const SECTIONS = [
  { to: "/", label: "Avatars" },
  { to: "/pricing", label: "Pricing" },
  { to: "/referrals", label: "Referrals" },
  { to: "/support", label: "Support" },
];

export function UserShell({ children }: { children: ReactNode }) {
  const path = usePathname();
  const [{ data }] = useQuery({ query: ViewerQuery });
  const [, signOut] = useMutation(SignOutMutation);
  const leave = async () => {
    await signOut({});
    setSessionToken("user", null);
  };
  const active = (to: string) => (to === "/" ? path === "/" || path.startsWith("/avatars") || path.startsWith("/jobs") : path.startsWith(to));
  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/" className="brand">
          PinGlass
        </Link>
        <span className="who">{data?.viewer?.name ?? data?.viewer?.telegramUsername ?? ""}</span>
        <button type="button" className="link-button" onClick={leave}>
          Sign out
        </button>
      </header>
      <nav className="tabs" aria-label="Sections">
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
