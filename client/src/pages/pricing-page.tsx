// Choosing a tier and paying for it: a quote (with a promo code), a provider, then the
// provider's checkout. Locally the test-mode provider completes a payment on request; a
// bank's page returns the browser here with `?payment=success` (or `failed`).
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { TextField } from "../components/field.tsx";
import { Checkout } from "../components/checkout.tsx";
import { Empty, FieldMessage, Loading, RequestError } from "../components/states.tsx";
import { graphql } from "../gql/index.ts";
import type { PaymentProvider } from "../gql/graphql.ts";
import { formErrorsOf, NO_ERRORS } from "../lib/field-errors.ts";
import { formatMoney } from "../lib/format.ts";
import { Link, useSearchParam } from "../lib/router.tsx";

const PricingQuery = graphql(`
  query PricingPage_TiersQuery {
    pricingTiers { id code name price photoCount isPopular }
    paymentProviders
  }
`);

const QuoteQuery = graphql(`
  query PricingPage_QuoteQuery($tierId: ID!, $promoCode: String) {
    paymentQuote(tierId: $tierId, promoCode: $promoCode) {
      amount
      discount
      promoCode
      promoError { message reason }
    }
  }
`);

const CreatePaymentMutation = graphql(`
  mutation PricingPage_CreatePaymentMutation($input: CreatePaymentInput!) {
    createPayment(input: $input) {
      __typename
      ... on CreatePaymentPayload {
        payment { id status amount currency }
        checkout {
          __typename
          ... on TestModeCheckout { paymentId }
          ... on RedirectCheckout { url }
          ... on TelegramInvoiceCheckout { invoiceLink }
          ... on TonTransferCheckout { address amountTon comment expiresAt }
        }
      }
      ... on Error { message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`);

const PROVIDER_LABEL: Record<PaymentProvider, string> = {
  TBANK: "Bank card (T-Bank)",
  STARS: "Telegram Stars",
  TON: "TON",
  TEST: "Test payment (no money moves)",
};

export function PricingPage() {
  const avatarId = useSearchParam("avatar");
  const returnedFromBank = useSearchParam("payment");
  const [{ data, fetching, error }] = useQuery({ query: PricingQuery });
  const [tierId, setTierId] = useState<string | null>(null);
  const [provider, setProvider] = useState<PaymentProvider | null>(null);
  const [promoInput, setPromoInput] = useState("");
  const [promoCode, setPromoCode] = useState<string | null>(null);
  // One key per purchase attempt: pressing Pay again after a lost answer returns the same payment.
  const [attempt, setAttempt] = useState(() => ({ key: crypto.randomUUID(), of: "" }));
  const [created, createPayment] = useMutation(CreatePaymentMutation);

  const tiers = data?.pricingTiers ?? [];
  const chosenTier = tiers.find((t) => t.id === tierId) ?? tiers.find((t) => t.isPopular) ?? tiers[0];
  const providers = data?.paymentProviders ?? [];
  const chosenProvider = provider ?? providers[0] ?? null;
  const [quote] = useQuery({
    query: QuoteQuery,
    variables: { tierId: chosenTier?.id ?? "", promoCode },
    pause: !chosenTier,
  });

  if (error) return <RequestError error={error} />;
  if (!data) return fetching ? <Loading what="Loading tiers" /> : null;
  if (!tiers.length)
    return (
      <Empty>
        <p>No tiers on sale right now.</p>
      </Empty>
    );

  const answer = created.data?.createPayment;
  const errors = answer ? formErrorsOf(answer, "CreatePaymentPayload") : NO_ERRORS;
  const promoError =
    (answer?.__typename === "PromoCodeError" ? answer.message : null) ??
    errors.fields.promoCode ??
    quote.data?.paymentQuote?.promoError?.message ??
    null;
  const formError = answer?.__typename === "PromoCodeError" ? null : errors.form;
  const quoted = quote.data?.paymentQuote;

  const pay = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosenTier || !chosenProvider) return;
    const purchase = `${chosenTier.id}|${chosenProvider}|${promoCode ?? ""}`;
    const key = attempt.of === purchase ? attempt.key : crypto.randomUUID();
    setAttempt({ key, of: purchase });
    await createPayment({ input: { tierId: chosenTier.id, provider: chosenProvider, promoCode, idempotencyKey: key } });
  };

  if (answer?.__typename === "CreatePaymentPayload") {
    return <Checkout payment={answer.payment} checkout={answer.checkout} avatarId={avatarId} />;
  }

  return (
    <>
      <h1>Choose a tier</h1>
      {returnedFromBank === "success" && (
        <p className="state" role="status">
          Payment sent: it is yours to generate with once the bank confirms it. <Link to="/">Back to your avatars</Link>
        </p>
      )}
      {returnedFromBank === "failed" && <FieldMessage message="The payment did not go through, and nothing was charged." />}
      <form className="form" onSubmit={pay} aria-label="Payment">
        <div className="card-grid" role="radiogroup" aria-label="Tiers">
          {tiers.map((tier) => (
            <label key={tier.id} className={tier.id === chosenTier?.id ? "card tier is-chosen" : "card tier"}>
              <input type="radio" name="tier" value={tier.id} checked={tier.id === chosenTier?.id} onChange={() => setTierId(tier.id)} />
              <strong>{tier.name}</strong> {tier.isPopular && <span className="badge badge-ready">popular</span>}
              <div>
                {tier.photoCount} portraits · {formatMoney(tier.price)}
              </div>
            </label>
          ))}
        </div>
        <section className="card form">
          <div className="form-inline">
            <TextField
              label="Promo code"
              value={promoInput}
              onChange={(e) => setPromoInput(e.target.value)}
              error={promoError}
              autoCapitalize="characters"
            />
            <button type="button" className="button button-secondary" onClick={() => setPromoCode(promoInput.trim() || null)}>
              Apply
            </button>
          </div>
          <fieldset className="providers">
            <legend>Pay with</legend>
            {providers.length === 0 ? (
              <p className="field-error">No payment method is available right now.</p>
            ) : (
              providers.map((p) => (
                <label key={p} className="radio">
                  <input type="radio" name="provider" value={p} checked={p === chosenProvider} onChange={() => setProvider(p)} />
                  {PROVIDER_LABEL[p]}
                </label>
              ))
            )}
            <FieldMessage message={errors.fields.provider} />
          </fieldset>
          <p className="total">
            {quoted ? (
              <>
                To pay: <strong data-testid="quote-amount">{formatMoney(quoted.amount)}</strong>
                {Number(quoted.discount) > 0 && (
                  <span className="muted">
                    {" "}
                    (−{formatMoney(quoted.discount)} with {quoted.promoCode})
                  </span>
                )}
              </>
            ) : quote.fetching ? (
              <span className="muted">Working out the price…</span>
            ) : null}
          </p>
          <FieldMessage message={formError ?? created.error?.message} />
          <button type="submit" className="button" disabled={created.fetching || !chosenProvider}>
            {created.fetching ? "Creating the payment…" : `Pay${quoted ? ` ${formatMoney(quoted.amount)}` : ""}`}
          </button>
        </section>
      </form>
    </>
  );
}
