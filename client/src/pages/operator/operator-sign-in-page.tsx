// The operator console's sign-in (admin panel accounts: ADMIN, OPERATOR, VIEWER).
import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { TextField } from "../../components/field.tsx";
import { FieldMessage } from "../../components/states.tsx";
import { graphql } from "../../gql/index.ts";
import { formErrorsOf, NO_ERRORS } from "../../lib/field-errors.ts";
import { formatDate } from "../../lib/format.ts";
import { setSessionToken } from "../../lib/session.ts";

const AdminSignInMutation = graphql(`
  mutation OperatorSignInPage_SignInMutation($input: AdminSignInInput!) {
    adminSignIn(input: $input) {
      __typename
      ... on AdminSignInPayload { token admin { id role } }
      ... on Error { message }
      ... on AccountLockedError { lockedUntil }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`);

export function OperatorSignInPage() {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [{ fetching, data, error }, signIn] = useMutation(AdminSignInMutation);
  const answer = data?.adminSignIn;
  const errors = answer ? formErrorsOf(answer, "AdminSignInPayload") : NO_ERRORS;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await signIn({ input: { username, password } });
    const payload = result.data?.adminSignIn;
    if (payload?.__typename === "AdminSignInPayload") setSessionToken("admin", payload.token);
  };

  return (
    <main className="page page-narrow">
      <form className="card form sign-in" onSubmit={submit} aria-label="Operator sign-in">
        <h1>PinGlass operator console</h1>
        <TextField
          label="Username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={errors.fields.username}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.fields.password ?? (answer?.__typename === "InvalidCredentialsError" ? answer.message : null)}
        />
        <FieldMessage
          message={
            answer?.__typename === "AccountLockedError"
              ? `${answer.message} (until ${formatDate(answer.lockedUntil)})`
              : answer?.__typename === "InvalidCredentialsError"
                ? null
                : (errors.form ?? error?.message)
          }
        />
        <button type="submit" className="button" disabled={fetching}>
          {fetching ? "Signing in…" : "Sign in"}
        </button>
        {import.meta.env.DEV && <p className="hint">Development accounts are printed when `pnpm dev` starts.</p>}
      </form>
    </main>
  );
}
