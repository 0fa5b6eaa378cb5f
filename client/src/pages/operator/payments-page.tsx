// Payments, newest first, by status.
import { useState } from "react";
import { useQuery } from "urql";
import { Empty, Loading, RequestError } from "../../components/states.tsx";
import { graphql } from "../../gql/index.ts";
import { formatDate, formatMoney, humanize } from "../../lib/format.ts";
import type { PaymentStatus } from "../../gql/graphql.ts";

const PaymentsQuery = graphql(`
  query PaymentsPage_PaymentsQuery($filter: AdminPaymentFilter) {
    admin {
      payments(first: 50, filter: $filter) {
        totalCount
        edges {
          node {
            id
            amount
            currency
            provider
            status
            isTestMode
            photoCount
            createdAt
            tier { id name }
            user { id name telegramUsername }
          }
        }
      }
    }
  }
`);

const STATUSES: Array<PaymentStatus | null> = [null, "SUCCEEDED", "PENDING", "FAILED", "REFUNDING", "REFUNDED", "CANCELED"];

export function PaymentsPage() {
  const [status, setStatus] = useState<PaymentStatus | null>(null);
  const [{ data, fetching, error }] = useQuery({ query: PaymentsQuery, variables: { filter: status ? { status } : null } });
  const payments = data?.admin.payments.edges ?? [];
  return (
    <>
      <h1>
        Payments <span className="muted">({data?.admin.payments.totalCount ?? "…"})</span>
      </h1>
      <div className="chips" role="group" aria-label="Filter by status">
        {STATUSES.map((s) => (
          <button key={s ?? "all"} type="button" className={s === status ? "chip is-on" : "chip"} onClick={() => setStatus(s)}>
            {s ? humanize(s) : "All"}
          </button>
        ))}
      </div>
      {error && <RequestError error={error} />}
      {!data && fetching ? (
        <Loading what="Loading payments" />
      ) : payments.length === 0 ? (
        <Empty>
          <p>No payments here.</p>
        </Empty>
      ) : (
        <table className="table table-rows">
          <thead>
            <tr>
              <th>Date</th>
              <th>User</th>
              <th>Tier</th>
              <th>Amount</th>
              <th>Provider</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {payments.map(({ node }) => (
              <tr key={node.id}>
                <td>{formatDate(node.createdAt)}</td>
                <td>{node.user.name ?? (node.user.telegramUsername ? `@${node.user.telegramUsername}` : "—")}</td>
                <td>
                  {node.tier?.name ?? "—"} · {node.photoCount}
                </td>
                <td>{formatMoney(node.amount, node.currency)}</td>
                <td>
                  {node.provider}
                  {node.isTestMode ? " (test)" : ""}
                </td>
                <td>
                  <span className={`badge badge-${node.status.toLowerCase()}`}>{humanize(node.status)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
