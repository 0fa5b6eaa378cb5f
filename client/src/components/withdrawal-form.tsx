// Requesting a withdrawal of the referral balance: RUB by card or SBP (13% NDFL withheld)
// or TON to a wallet. The API checks the balance under a lock; its errors show by the fields.
import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql/index.ts";
import type { WithdrawalMethod } from "../gql/graphql.ts";
import { formErrorsOf, NO_ERRORS } from "../lib/field-errors.ts";
import { formatMoney } from "../lib/format.ts";
import { SelectField, TextField } from "./field.tsx";
import { FieldMessage } from "./states.tsx";

const RequestWithdrawalMutation = graphql(`
  mutation WithdrawalForm_RequestMutation($input: RequestWithdrawalInput!) {
    requestWithdrawal(input: $input) {
      __typename
      ... on Withdrawal { id status amount currency payoutAmount ndflAmount }
      ... on Error { message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`);

const METHODS: Array<{ value: WithdrawalMethod; label: string }> = [
  { value: "CARD", label: "Bank card (RUB)" },
  { value: "SBP", label: "SBP by phone (RUB)" },
  { value: "TON", label: "TON wallet" },
];

export function WithdrawalForm({ balance }: { balance: { rub: string; ton: string } }) {
  const [method, setMethod] = useState<WithdrawalMethod>("CARD");
  const [amount, setAmount] = useState("");
  const [cardNumber, setCardNumber] = useState("");
  const [phone, setPhone] = useState("");
  const [bank, setBank] = useState("");
  const [address, setAddress] = useState("");
  const [recipientName, setRecipientName] = useState("");
  const [{ fetching, data, error }, request] = useMutation(RequestWithdrawalMutation);
  const answer = data?.requestWithdrawal;
  const errors = answer ? formErrorsOf(answer, "Withdrawal") : NO_ERRORS;
  const currency = method === "TON" ? "TON" : "RUB";
  const available = method === "TON" ? balance.ton : balance.rub;
  // Errors about `details` name its parts (details.cardNumber, …) or the whole.
  const detailError = (part: string) => errors.fields[`details.${part}`] ?? errors.fields.details;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const details = method === "CARD" ? { cardNumber: cardNumber.replace(/\s+/g, "") } : method === "SBP" ? { phone, bank } : { address };
    await request({ input: { amount: amount.replace(",", "."), currency, method, details, recipientName: recipientName || null } });
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="Withdrawal">
      <h2>Withdraw</h2>
      <p className="muted">Available: {formatMoney(available, currency)}</p>
      <SelectField
        label="Method"
        value={method}
        onChange={(e) => setMethod(e.target.value as WithdrawalMethod)}
        error={errors.fields.method}
      >
        {METHODS.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </SelectField>
      <TextField
        label={`Amount, ${currency}`}
        inputMode="decimal"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        error={errors.fields.amount}
      />
      {method === "CARD" && (
        <TextField
          label="Card number"
          inputMode="numeric"
          autoComplete="cc-number"
          value={cardNumber}
          onChange={(e) => setCardNumber(e.target.value)}
          error={detailError("cardNumber")}
        />
      )}
      {method === "SBP" && (
        <>
          <TextField label="Phone" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} error={detailError("phone")} />
          <TextField label="Bank" value={bank} onChange={(e) => setBank(e.target.value)} error={errors.fields["details.bank"]} />
        </>
      )}
      {method === "TON" && (
        <TextField label="TON address" value={address} onChange={(e) => setAddress(e.target.value)} error={detailError("address")} />
      )}
      {method !== "TON" && (
        <TextField
          label="Recipient's full name"
          value={recipientName}
          onChange={(e) => setRecipientName(e.target.value)}
          error={errors.fields.recipientName}
        />
      )}
      <FieldMessage message={errors.form ?? error?.message} />
      {answer?.__typename === "Withdrawal" && (
        <p role="status" className="badge badge-pending">
          Requested: {formatMoney(answer.amount, answer.currency)}, you receive {formatMoney(answer.payoutAmount, answer.currency)}. An
          admin reviews it soon.
        </p>
      )}
      <button type="submit" className="button" disabled={fetching}>
        {fetching ? "Sending…" : "Request withdrawal"}
      </button>
    </form>
  );
}
