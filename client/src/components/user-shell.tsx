// The signed-in user's frame: who is signed in, the sections, signing out.
import type { ReactNode } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql/index.ts";
import { setSessionToken } from "../lib/session.ts";
import { Shell, type Section } from "./shell.tsx";

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

const SECTIONS: Section[] = [
  { to: "/", label: "Avatars" },
  { to: "/pricing", label: "Pricing" },
  { to: "/referrals", label: "Referrals" },
  { to: "/support", label: "Support" },
];

export function UserShell({ children }: { children: ReactNode }) {
  const [{ data }] = useQuery({ query: ViewerQuery });
  const [, signOut] = useMutation(SignOutMutation);
  const leave = async () => {
    await signOut({});
    setSessionToken("user", null);
  };
  return (
    <Shell
      home="/"
      brand="PinGlass"
      who={data?.viewer?.name ?? data?.viewer?.telegramUsername ?? ""}
      sections={SECTIONS}
      sectionsLabel="Sections"
      isActive={(to, path) => (to === "/" ? path === "/" || path.startsWith("/avatars") || path.startsWith("/jobs") : path.startsWith(to))}
      onSignOut={leave}
    >
      {children}
    </Shell>
  );
}
