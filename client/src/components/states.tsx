// Loading, empty and error states, the same everywhere.
import type { ReactNode } from "react";
import type { CombinedError } from "urql";

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden /> {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

/** A request that failed as a whole (network, refused session, server error). */
export function RequestError({ error, retry }: { error: CombinedError; retry?: () => void }) {
  const message = error.graphQLErrors[0]?.message ?? (error.networkError ? "The server cannot be reached" : error.message);
  return (
    <div className="state state-error" role="alert">
      <span>{message}</span>
      {retry && (
        <button type="button" className="button button-small" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** A message under a form field, or a form's own error. */
export function FieldMessage({ id, message }: { id?: string; message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {message}
    </p>
  );
}
