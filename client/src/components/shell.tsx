// The frame both consoles share: brand, who is signed in, the sections as tabs, signing out.
import type { ReactNode } from "react";
import { Link, usePathname } from "../lib/router.tsx";

export interface Section {
  to: string;
  label: string;
}

export function Shell({
  home,
  brand,
  who,
  sections,
  sectionsLabel,
  isActive,
  onSignOut,
  actions,
  variant,
  children,
}: {
  home: string;
  brand: ReactNode;
  who: string;
  sections: Section[];
  sectionsLabel: string;
  /** Whether the section at `to` holds `path`. */
  isActive: (to: string, path: string) => boolean;
  onSignOut: () => void;
  /** Links shown before "Sign out". */
  actions?: ReactNode;
  variant?: "operator";
  children: ReactNode;
}) {
  const path = usePathname();
  return (
    <div className={variant === "operator" ? "shell shell-wide" : "shell"}>
      <header className={variant === "operator" ? "topbar topbar-operator" : "topbar"}>
        <Link to={home} className="brand">
          {brand}
        </Link>
        <span className="who">{who}</span>
        {actions}
        <button type="button" className="link-button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <nav className="tabs" aria-label={sectionsLabel}>
        {sections.map((s) => {
          const active = isActive(s.to, path);
          return (
            <Link key={s.to} to={s.to} className={active ? "tab is-active" : "tab"} aria-current={active ? "page" : undefined}>
              {s.label}
            </Link>
          );
        })}
      </nav>
      <main className="page">{children}</main>
    </div>
  );
}
