// The signed-in sessions, kept in localStorage: a user's (pgs_…) for the app and an
// admin panel account's (pga_…) for the operator console, apart so one browser can hold both.
import { useSyncExternalStore } from "react";

export type SessionKind = "user" | "admin";

const STORAGE_KEY: Record<SessionKind, string> = {
  user: "pinglass.session.user",
  admin: "pinglass.session.admin",
};

const listeners = new Set<() => void>();

function read(kind: SessionKind): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY[kind]);
  } catch {
    return null; // storage disabled (private mode in some webviews): no persisted session
  }
}

export function setSessionToken(kind: SessionKind, token: string | null) {
  try {
    if (token) window.localStorage.setItem(STORAGE_KEY[kind], token);
    else window.localStorage.removeItem(STORAGE_KEY[kind]);
  } catch {
    // ignored: the session then lasts as long as the page
  }
  memory[kind] = token;
  for (const listener of listeners) listener();
}

const memory: Record<SessionKind, string | null> = { user: read("user"), admin: read("admin") };

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY.user || event.key === STORAGE_KEY.admin) {
      memory.user = read("user");
      memory.admin = read("admin");
      listener();
    }
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** The bearer token of the given kind of session, or null when signed out. */
export function useSessionToken(kind: SessionKind): string | null {
  return useSyncExternalStore(subscribe, () => memory[kind]);
}
