// Signing in: inside Telegram with the Mini App's initData, at once; on the web with the
// Telegram Login Widget; in a development build also with initData the dev server signs
// with the API's development bot token.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, type CombinedError } from "urql";
import { TextField } from "../components/field.tsx";
import { TelegramLoginWidget, type TelegramWidgetUser } from "../components/telegram-login-widget.tsx";
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

const WidgetSignInMutation = graphql(`
  mutation SignInPage_WidgetSignInMutation($input: SignInWithTelegramWidgetInput!) {
    signInWithTelegramWidget(input: $input) {
      __typename
      ... on SignInPayload { token isNewUser user { id } }
      ... on Error { code message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`);

/** The bot the Login Widget signs in with (its domain set in BotFather); unset: no web sign-in. */
const BOT_USERNAME = (import.meta.env.VITE_TELEGRAM_BOT_USERNAME as string | undefined)?.trim().replace(/^@/, "") || null;

const REFERRAL_CODE = /^[A-Za-z0-9_-]{3,20}$/;

function firstError(errors: FormErrors): string | null {
  return errors.form ?? Object.values(errors.fields)[0] ?? null;
}

/** A request that failed as a whole: the API's own words, else why it could not answer. */
function requestFailure(error: CombinedError | undefined): string {
  if (!error) return "Sign-in failed";
  return error.graphQLErrors[0]?.message ?? (error.networkError ? "The server cannot be reached" : error.message);
}

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
      setErrors(answer ? formErrorsOf(answer, "SignInPayload") : { fields: {}, form: requestFailure(result.error) });
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
        {initData ? (
          <TelegramSignIn initData={initData} />
        ) : (
          <>
            <WebSignIn />
            {import.meta.env.DEV && <DevSignIn />}
          </>
        )}
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
        <FieldMessage message={firstError(errors)} />
        <button type="button" className="button" onClick={() => run(initData)}>
          Try again
        </button>
      </>
    );
  }
  return fetching ? <Loading what="Signing in with Telegram" /> : <Loading what="Opening" />;
}

/** Outside Telegram: the Login Widget; its signed data goes to signInWithTelegramWidget. */
function WebSignIn() {
  const referral = useSearchParam("ref")?.trim();
  const [state, signIn] = useMutation(WidgetSignInMutation);
  const [error, setError] = useState<string | null>(null);

  const onAuth = async (user: TelegramWidgetUser) => {
    setError(null);
    const result = await signIn({
      input: {
        // Exactly what Telegram signed: the API checks the hash over these fields.
        id: String(user.id),
        firstName: user.first_name ?? null,
        lastName: user.last_name ?? null,
        username: user.username ?? null,
        photoUrl: user.photo_url ?? null,
        authDate: String(user.auth_date),
        hash: user.hash,
        referralCode: referral && REFERRAL_CODE.test(referral) ? referral : null,
      },
    });
    const answer = result.data?.signInWithTelegramWidget;
    if (answer?.__typename === "SignInPayload") setSessionToken("user", answer.token);
    else setError(answer ? (firstError(formErrorsOf(answer, "SignInPayload")) ?? "Sign-in failed") : requestFailure(result.error));
  };

  if (!BOT_USERNAME) {
    return (
      <div className="form" role="group" aria-label="Web sign-in">
        <p>Open PinGlass from its Telegram bot to sign in.</p>
        <p className="hint" role="note">
          Web sign-in is not set up in this build: VITE_TELEGRAM_BOT_USERNAME (the bot of the Telegram Login Widget) is unset.
        </p>
      </div>
    );
  }
  return (
    <div className="form" role="group" aria-label="Web sign-in">
      <p>Sign in with your Telegram account, or open PinGlass from its Telegram bot.</p>
      <TelegramLoginWidget botUsername={BOT_USERNAME} onAuth={(user) => void onAuth(user)} />
      {state.fetching && <Loading what="Signing in with Telegram" />}
      <FieldMessage message={error} />
    </div>
  );
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
