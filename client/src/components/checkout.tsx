// Completing a created payment, as its provider asks: the test-mode button, a bank's
// page, a Telegram Stars invoice, or a TON transfer.
import { useMutation } from "urql";
import { graphql } from "../gql/index.ts";
import type { PricingPage_CreatePaymentMutationMutation } from "../gql/graphql.ts";
import { formatDate, formatMoney, humanize } from "../lib/format.ts";
import { Link, navigate } from "../lib/router.tsx";
import { FieldMessage } from "./states.tsx";

type Created = Extract<PricingPage_CreatePaymentMutationMutation["createPayment"], { __typename: "CreatePaymentPayload" }>;

const CompleteTestPaymentMutation = graphql(`
  mutation Checkout_CompleteTestPaymentMutation($input: CompleteTestPaymentInput!) {
    completeTestPayment(input: $input) {
      __typename
      ... on Payment { id status photoCount }
      ... on Error { message }
    }
  }
`);

export function Checkout({
  payment,
  checkout,
  avatarId,
}: {
  payment: Created["payment"];
  checkout: Created["checkout"];
  avatarId: string | null;
}) {
  const [completed, complete] = useMutation(CompleteTestPaymentMutation);
  const done = completed.data?.completeTestPayment;
  const next = avatarId ? `/avatars/${encodeURIComponent(avatarId)}` : "/";

  return (
    <section className="card form" aria-label="Checkout">
      <h1>Payment</h1>
      <p>
        {formatMoney(payment.amount, payment.currency)} ·{" "}
        <span className={`badge badge-${(done?.__typename === "Payment" ? done.status : payment.status).toLowerCase()}`}>
          {humanize(done?.__typename === "Payment" ? done.status : payment.status)}
        </span>
      </p>
      {checkout.__typename === "TestModeCheckout" &&
        (done?.__typename === "Payment" ? (
          <>
            <p role="status">Paid: {done.photoCount} portraits are yours to generate.</p>
            <button type="button" className="button" onClick={() => navigate(next)}>
              {avatarId ? "Back to the avatar" : "Choose an avatar"}
            </button>
          </>
        ) : (
          <>
            <p className="badge badge-warning">Test mode: no money moves.</p>
            <button
              type="button"
              className="button"
              disabled={completed.fetching}
              onClick={() => complete({ input: { paymentId: checkout.paymentId } })}
            >
              Complete test payment
            </button>
            <FieldMessage message={done ? done.message : completed.error?.message} />
          </>
        ))}
      {checkout.__typename === "RedirectCheckout" && (
        <a className="button" href={checkout.url}>
          Pay by card
        </a>
      )}
      {checkout.__typename === "TelegramInvoiceCheckout" && (
        <button
          type="button"
          className="button"
          onClick={() => {
            const openInvoice = window.Telegram?.WebApp?.openInvoice;
            if (openInvoice) openInvoice(checkout.invoiceLink, (status) => status === "paid" && navigate(next));
            else window.open(checkout.invoiceLink, "_blank");
          }}
        >
          Pay with Stars
        </button>
      )}
      {checkout.__typename === "TonTransferCheckout" && (
        <>
          <p>
            Send exactly <strong>{formatMoney(checkout.amountTon, "TON")}</strong> before {formatDate(checkout.expiresAt)}.
          </p>
          <dl className="facts">
            <dt>Address</dt>
            <dd className="mono">{checkout.address}</dd>
            <dt>Comment</dt>
            <dd className="mono">{checkout.comment}</dd>
          </dl>
          <a
            className="button"
            href={`ton://transfer/${checkout.address}?amount=${Math.round(Number(checkout.amountTon) * 1e9)}&text=${encodeURIComponent(checkout.comment)}`}
          >
            Open the wallet
          </a>
          <p className="hint">The payment is confirmed once the transfer reaches the network; you can leave this page.</p>
        </>
      )}
      <Link to={next}>Back</Link>
    </section>
  );
}
