// The operators' ticket queue, live: every ticket opened or changed anywhere arrives
// through supportQueueUpdated, and the queue query refreshes with it.
import { useState } from "react";
import { useQuery, useSubscription } from "urql";
import { Empty, Loading, RequestError } from "../../components/states.tsx";
import { graphql } from "../../gql/index.ts";
import { formatDate, humanize } from "../../lib/format.ts";
import { Link } from "../../lib/router.tsx";
import type { TicketStatus } from "../../gql/graphql.ts";

const QueueQuery = graphql(`
  query TicketQueuePage_QueueQuery($filter: SupportQueueFilter) {
    admin {
      supportQueue(first: 50, filter: $filter) {
        totalCount
        edges {
          node {
            id
            number
            subject
            status
            priority
            category
            updatedAt
            desk { contactName telegramUsername slaState assignedTo { id username } }
          }
        }
      }
    }
  }
`);

const QueueUpdatedSubscription = graphql(`
  subscription TicketQueuePage_QueueUpdatedSubscription {
    supportQueueUpdated { id number status updatedAt }
  }
`);

const FILTERS: Array<{ label: string; status: TicketStatus[] | null }> = [
  { label: "Open", status: ["OPEN", "IN_PROGRESS", "ESCALATED", "WAITING_USER"] },
  { label: "Resolved", status: ["RESOLVED", "CLOSED"] },
  { label: "All", status: null },
];

const CONTEXT = { additionalTypenames: ["SupportTicket"] };

export function TicketQueuePage() {
  const [filterIndex, setFilterIndex] = useState(0);
  const filter = FILTERS[filterIndex]!;
  const [{ data, fetching, error }, refetch] = useQuery({
    query: QueueQuery,
    variables: { filter: filter.status ? { status: filter.status } : null },
    context: CONTEXT,
  });
  // Each event invalidates the cached queue, which refetches. urql's document cache takes a
  // subscription's typenames from its context only (never from its data): name them here.
  const [live] = useSubscription({ query: QueueUpdatedSubscription, context: CONTEXT });
  const tickets = data?.admin.supportQueue.edges ?? [];

  return (
    <>
      <h1>
        Tickets <span className="muted">({data?.admin.supportQueue.totalCount ?? "…"})</span>
      </h1>
      <div className="toolbar">
        <div className="chips" role="group" aria-label="Filter tickets">
          {FILTERS.map((f, i) => (
            <button key={f.label} type="button" className={i === filterIndex ? "chip is-on" : "chip"} onClick={() => setFilterIndex(i)}>
              {f.label}
            </button>
          ))}
        </div>
        <span className={live.error ? "live live-off" : "live"}>{live.error ? "offline" : "live"}</span>
      </div>
      {error && <RequestError error={error} retry={() => refetch({ requestPolicy: "network-only" })} />}
      {!data && fetching ? (
        <Loading what="Loading the queue" />
      ) : tickets.length === 0 ? (
        <Empty>
          <p>No tickets here.</p>
        </Empty>
      ) : (
        <table className="table table-rows">
          <thead>
            <tr>
              <th>Ticket</th>
              <th>From</th>
              <th>Priority</th>
              <th>Status</th>
              <th>SLA</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {tickets.map(({ node }) => (
              <tr key={node.id} data-testid="queue-row">
                <td>
                  <Link to={`/operator/tickets/${encodeURIComponent(node.id)}`}>
                    <strong>{node.number}</strong> {node.subject}
                  </Link>
                </td>
                <td>{node.desk?.contactName ?? (node.desk?.telegramUsername ? `@${node.desk.telegramUsername}` : "—")}</td>
                <td>{node.priority}</td>
                <td>
                  <span className={`badge badge-${node.status.toLowerCase()}`}>{humanize(node.status)}</span>
                </td>
                <td>{node.desk?.slaState ? humanize(node.desk.slaState) : "—"}</td>
                <td>{formatDate(node.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
