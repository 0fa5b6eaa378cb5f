// Signing in: inside Telegram with the Mini App's initData, at once; in a development
// build, with initData the dev server signs with the API's development bot token.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { TextField } from "../components/field.tsx";
import { FieldMessage, Loading } from "../components/states.tsx";
import { graphql } from "../gql/index.ts";
import { formErrorsOf, NO_ERRORS, type FormErrors } from "../lib/field-errors.ts";
import { useSearchParam } from "../lib/router.tsx";
import { setSessionToken } from "../lib/session.ts";
import { telegramInitData } from "../lib/telegram.ts";

const SignInMutation = graphql(`
  mutation SignInPage_SignInMutation($input: SignInWithTelegramInput!) {
    signInWithTelegram(input: $input) {
      __typename
      ... on SignInPayload { token isNewUser user { id } }
      ... on Error { code message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`);

function useTelegramSignIn() {
  const [state, signIn] = useMutation(SignInMutation);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const run = async (initData: string, referralCode?: string) => {
    setErrors(NO_ERRORS);
    const result = await signIn({ input: { initData, referralCode: referralCode || null } });
    const answer = result.data?.signInWithTelegram;
    if (answer?.__typename === "SignInPayload") {
      // The launch parameters are spent: keep them out of links and reloads.
      if (window.location.hash.includes("tgWebAppData")) window.history.replaceState(null, "", window.location.pathname);
      setSessionToken("user", answer.token);
    } else {
      setErrors(answer ? formErrorsOf(answer, "SignInPayload") : { fields: {}, form: result.error?.message ?? "Sign-in failed" });
    }
  };
  return { run, fetching: state.fetching, errors };
}

export function SignInPage() {
  const initData = telegramInitData();
  return (
    <main className="page page-narrow">
      <section className="card sign-in">
        <h1>PinGlass</h1>
        <p className="muted">AI portraits from your photos.</p>
        {initData ? <TelegramSignIn initData={initData} /> : import.meta.env.DEV ? <DevSignIn /> : <OpenInTelegram />}
      </section>
    </main>
  );
}

function TelegramSignIn({ initData }: { initData: string }) {
  const { run, fetching, errors } = useTelegramSignIn();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void run(initData);
  }, [initData, run]);
  if (errors.form || Object.keys(errors.fields).length) {
    return (
      <>
        <FieldMessage message={errors.form ?? Object.values(errors.fields)[0]} />
        <button type="button" className="button" onClick={() => run(initData)}>
          Try again
        </button>
      </>
    );
  }
  return fetching ? <Loading what="Signing in with Telegram" /> : <Loading what="Opening" />;
}

function OpenInTelegram() {
  return <p>Open PinGlass from its Telegram bot to sign in.</p>;
}

/** Development builds only: the dev server signs initData for any Telegram id. */
function DevSignIn() {
  const referral = useSearchParam("ref");
  const [telegramId, setTelegramId] = useState("1001");
  const [name, setName] = useState("Dev User");
  const [referralCode, setReferralCode] = useState(referral ?? "");
  const [localError, setLocalError] = useState<string | null>(null);
  const { run, fetching, errors } = useTelegramSignIn();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLocalError(null);
    const query = new URLSearchParams({ id: telegramId, name });
    const response = await fetch(`/dev/telegram-init-data?${query}`).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { initData?: string; error?: string } | null;
    if (!body?.initData) return setLocalError(body?.error ?? "The dev server did not sign the data (is this `pnpm dev`?)");
    await run(body.initData, referralCode.trim());
  };

  return (
    <form onSubmit={submit} className="form" aria-label="Development sign-in">
      <p className="badge badge-warning">Development sign-in — not available in production builds</p>
      <TextField
        label="Telegram user id"
        inputMode="numeric"
        value={telegramId}
        onChange={(e) => setTelegramId(e.target.value)}
        error={localError}
        required
      />
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} />
      <TextField
        label="Referral code (optional)"
        value={referralCode}
        onChange={(e) => setReferralCode(e.target.value)}
        error={errors.fields.referralCode}
      />
      <FieldMessage message={errors.form ?? errors.fields.initData} />
      <button type="submit" className="button" disabled={fetching}>
        {fetching ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
