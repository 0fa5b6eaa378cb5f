// The referral dashboard: the code and its link, earnings, the ledger balance and its
// entries, withdrawals and the form to request one.
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { Empty, FieldMessage, Loading, RequestError } from "../components/states.tsx";
import { WithdrawalForm } from "../components/withdrawal-form.tsx";
import { graphql } from "../gql/index.ts";
import { formatDate, formatMoney, humanize } from "../lib/format.ts";

const ProgramQuery = graphql(`
  query ReferralsPage_ProgramQuery {
    viewer {
      id
      referralProgram {
        code { id code }
        commissionRate
        referralsCount
        isPartner
        balance { rub ton }
        earned { rub ton }
        earnings(first: 20) {
          edges { node { id amount currency status referredUserName createdAt } }
        }
        balanceTransactions(first: 20) {
          totalCount
          edges { node { id kind amount currency balanceAfter note createdAt } }
        }
        withdrawals(first: 20) {
          edges { node { id amount currency method status payoutAmount ndflAmount rejectionReason createdAt } }
        }
      }
    }
  }
`);

const CreateCodeMutation = graphql(`
  mutation ReferralsPage_CreateCodeMutation {
    createReferralCode {
      __typename
      ... on ReferralCode { id code }
      ... on Error { message }
    }
  }
`);

const CONTEXT = { additionalTypenames: ["ReferralCode", "Withdrawal", "BalanceTransaction"] };

/** Where a referral link leads: the Mini App's t.me link when configured, else this site. */
function referralLink(code: string): string {
  const miniApp = import.meta.env.VITE_TELEGRAM_MINI_APP_URL as string | undefined;
  if (miniApp) return `${miniApp}?startapp=${encodeURIComponent(code)}`;
  return `${window.location.origin}/?ref=${encodeURIComponent(code)}`;
}

export function ReferralsPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: ProgramQuery, context: CONTEXT });
  const [created, createCode] = useMutation(CreateCodeMutation);
  const [copied, setCopied] = useState(false);
  if (error) return <RequestError error={error} retry={() => refetch({ requestPolicy: "network-only" })} />;
  if (!data?.viewer) return fetching ? <Loading what="Loading your referral program" /> : null;
  const program = data.viewer.referralProgram;
  const link = program.code ? referralLink(program.code.code) : null;
  const createAnswer = created.data?.createReferralCode;

  return (
    <>
      <h1>Referrals</h1>
      <section className="card">
        <h2>Your link</h2>
        {link && program.code ? (
          <>
            <p>
              Code <strong data-testid="referral-code">{program.code.code}</strong> · you earn {Number(program.commissionRate) * 100}% of
              what your friends pay
              {program.isPartner && <span className="badge badge-ready">partner</span>}
            </p>
            <div className="share-link">
              <input readOnly value={link} aria-label="Referral link" onFocus={(e) => e.target.select()} />
              <button
                type="button"
                className="button button-secondary"
                onClick={() =>
                  navigator.clipboard
                    ?.writeText(link)
                    .then(() => setCopied(true))
                    .catch(() => {})
                }
              >
                {copied ? "Copied" : "Copy"}
              </button>
            </div>
          </>
        ) : (
          <>
            <p>Invite friends and earn from their purchases.</p>
            <button type="button" className="button" disabled={created.fetching} onClick={() => createCode({})}>
              Get my referral link
            </button>
            <FieldMessage
              message={createAnswer && createAnswer.__typename !== "ReferralCode" ? createAnswer.message : created.error?.message}
            />
          </>
        )}
      </section>

      <div className="stats">
        <div className="stat">
          <span className="muted">Friends joined</span>
          <strong>{program.referralsCount}</strong>
        </div>
        <div className="stat">
          <span className="muted">Earned</span>
          <strong>{formatMoney(program.earned.rub)}</strong>
          {Number(program.earned.ton) > 0 && <span>{formatMoney(program.earned.ton, "TON")}</span>}
        </div>
        <div className="stat">
          <span className="muted">Balance</span>
          <strong data-testid="referral-balance">{formatMoney(program.balance.rub)}</strong>
          {Number(program.balance.ton) > 0 && <span>{formatMoney(program.balance.ton, "TON")}</span>}
        </div>
      </div>

      <WithdrawalForm balance={program.balance} />

      <section className="card">
        <h2>Earnings</h2>
        {program.earnings.edges.length === 0 ? (
          <Empty>
            <p>No earnings yet: they appear when someone you invited pays.</p>
          </Empty>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Date</th>
                <th>From</th>
                <th>Amount</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {program.earnings.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{formatDate(node.createdAt)}</td>
                  <td>{node.referredUserName ?? "—"}</td>
                  <td>{formatMoney(node.amount, node.currency)}</td>
                  <td>{humanize(node.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card">
        <h2>Balance history</h2>
        {program.balanceTransactions.edges.length === 0 ? (
          <Empty>
            <p>Nothing on the ledger yet.</p>
          </Empty>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Date</th>
                <th>Entry</th>
                <th>Amount</th>
                <th>Balance</th>
              </tr>
            </thead>
            <tbody>
              {program.balanceTransactions.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{formatDate(node.createdAt)}</td>
                  <td>
                    {humanize(node.kind)}
                    {node.note ? ` · ${node.note}` : ""}
                  </td>
                  <td className={Number(node.amount) < 0 ? "negative" : "positive"}>{formatMoney(node.amount, node.currency)}</td>
                  <td>{formatMoney(node.balanceAfter, node.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card">
        <h2>Withdrawals</h2>
        {program.withdrawals.edges.length === 0 ? (
          <Empty>
            <p>No withdrawals yet.</p>
          </Empty>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Date</th>
                <th>Amount</th>
                <th>Paid out</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {program.withdrawals.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{formatDate(node.createdAt)}</td>
                  <td>
                    {formatMoney(node.amount, node.currency)} · {node.method}
                  </td>
                  <td>
                    {formatMoney(node.payoutAmount, node.currency)} (tax {formatMoney(node.ndflAmount, node.currency)})
                  </td>
                  <td>
                    {humanize(node.status)}
                    {node.rejectionReason ? `: ${node.rejectionReason}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
