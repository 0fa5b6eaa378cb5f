// Withdrawals waiting for a decision: approve, or reject with a reason (ADMIN only; the
// API answers others with an error shown on the row).
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { Empty, FieldMessage, Loading, RequestError } from "../../components/states.tsx";
import { graphql } from "../../gql/index.ts";
import { formatDate, formatMoney, humanize } from "../../lib/format.ts";
import type { WithdrawalStatus } from "../../gql/graphql.ts";

const WithdrawalsQuery = graphql(`
  query WithdrawalsPage_WithdrawalsQuery($filter: AdminWithdrawalsFilter) {
    admin {
      withdrawals(first: 50, filter: $filter) {
        totalCount
        edges {
          node {
            id
            amount
            currency
            method
            destination
            recipientName
            payoutAmount
            ndflAmount
            status
            rejectionReason
            createdAt
            user { id name telegramUsername }
          }
        }
      }
    }
  }
`);

const ApproveMutation = graphql(`
  mutation WithdrawalsPage_ApproveMutation($input: ApproveWithdrawalInput!) {
    approveWithdrawal(input: $input) {
      __typename
      ... on Withdrawal { id status }
      ... on Error { message }
    }
  }
`);

const RejectMutation = graphql(`
  mutation WithdrawalsPage_RejectMutation($input: RejectWithdrawalInput!) {
    rejectWithdrawal(input: $input) {
      __typename
      ... on Withdrawal { id status rejectionReason }
      ... on Error { message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`);

const VIEWS: Array<{ label: string; status: WithdrawalStatus[] | null }> = [
  { label: "To approve", status: ["PENDING"] },
  { label: "Approved", status: ["APPROVED", "PROCESSING"] },
  { label: "All", status: null },
];

export function WithdrawalsPage() {
  const [view, setView] = useState(0);
  const status = VIEWS[view]!.status;
  const [{ data, fetching, error }] = useQuery({
    query: WithdrawalsQuery,
    variables: { filter: status ? { status } : null },
    context: { additionalTypenames: ["Withdrawal"] },
  });
  const rows = data?.admin.withdrawals.edges ?? [];
  return (
    <>
      <h1>Withdrawals</h1>
      <div className="chips" role="group" aria-label="Filter withdrawals">
        {VIEWS.map((v, i) => (
          <button key={v.label} type="button" className={i === view ? "chip is-on" : "chip"} onClick={() => setView(i)}>
            {v.label}
          </button>
        ))}
      </div>
      {error && <RequestError error={error} />}
      {!data && fetching ? (
        <Loading what="Loading withdrawals" />
      ) : rows.length === 0 ? (
        <Empty>
          <p>Nothing to decide.</p>
        </Empty>
      ) : (
        <ul className="list">
          {rows.map(({ node }) => (
            <li key={node.id} className="list-card">
              <div>
                <strong>{formatMoney(node.amount, node.currency)}</strong> by {node.method} to {node.destination ?? "—"}
                {node.recipientName ? ` (${node.recipientName})` : ""}
                <div className="muted">
                  {node.user.name ?? node.user.telegramUsername ?? "user"} · {formatDate(node.createdAt)} · pays out{" "}
                  {formatMoney(node.payoutAmount, node.currency)}, tax {formatMoney(node.ndflAmount, node.currency)}
                </div>
                <span className={`badge badge-${node.status.toLowerCase()}`}>{humanize(node.status)}</span>
                {node.rejectionReason && <span className="muted"> {node.rejectionReason}</span>}
              </div>
              {node.status === "PENDING" && <Decision withdrawalId={node.id} />}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Decision({ withdrawalId }: { withdrawalId: string }) {
  const [approved, approve] = useMutation(ApproveMutation);
  const [rejected, reject] = useMutation(RejectMutation);
  const [reason, setReason] = useState("");
  const [rejecting, setRejecting] = useState(false);
  const approveAnswer = approved.data?.approveWithdrawal;
  const rejectAnswer = rejected.data?.rejectWithdrawal;
  const reasonError =
    rejectAnswer?.__typename === "ValidationError" ? (rejectAnswer.fieldErrors[0]?.message ?? rejectAnswer.message) : null;
  const failure =
    (approveAnswer && approveAnswer.__typename !== "Withdrawal" ? approveAnswer.message : null) ??
    (rejectAnswer && rejectAnswer.__typename !== "Withdrawal" && rejectAnswer.__typename !== "ValidationError"
      ? rejectAnswer.message
      : null) ??
    approved.error?.message ??
    rejected.error?.message;
  return (
    <div className="decision">
      {rejecting ? (
        <form
          className="form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            void reject({ input: { withdrawalId, reason } });
          }}
        >
          <input aria-label="Reason" placeholder="Reason the user will see" value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="submit" className="button button-danger" disabled={rejected.fetching}>
            Reject
          </button>
          <button type="button" className="link-button" onClick={() => setRejecting(false)}>
            Cancel
          </button>
          <FieldMessage message={reasonError} />
        </form>
      ) : (
        <>
          <button type="button" className="button" disabled={approved.fetching} onClick={() => approve({ input: { withdrawalId } })}>
            Approve
          </button>
          <button type="button" className="button button-secondary" onClick={() => setRejecting(true)}>
            Reject…
          </button>
        </>
      )}
      <FieldMessage message={failure} />
    </div>
  );
}
