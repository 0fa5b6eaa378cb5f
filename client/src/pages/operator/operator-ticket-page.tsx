// One ticket for an operator: the conversation (internal notes too), live, and replies.
import { useMutation, useQuery, useSubscription } from "urql";
import { ChatComposer, ChatLog, mergeMessages, type ChatMessage } from "../../components/chat.tsx";
import { Empty, Loading, RequestError } from "../../components/states.tsx";
import { graphql } from "../../gql/index.ts";
import { formatDate, humanize } from "../../lib/format.ts";
import { Link } from "../../lib/router.tsx";

const TicketQuery = graphql(`
  query OperatorTicketPage_TicketQuery($id: ID!) {
    node(id: $id) {
      __typename
      ... on SupportTicket {
        id
        number
        subject
        status
        priority
        category
        createdAt
        desk {
          contactName
          telegramUsername
          slaState
          firstResponseDueAt
          resolutionDueAt
          user { id name }
          assignedTo { id username }
          conversation(first: 100) {
            edges { node { id body createdAt senderType senderName isInternal } }
          }
        }
      }
    }
  }
`);

const MessageAddedSubscription = graphql(`
  subscription OperatorTicketPage_MessageAddedSubscription($ticketId: ID!) {
    supportTicketMessageAdded(ticketId: $ticketId) { id body createdAt senderType senderName isInternal }
  }
`);

const ReplyMutation = graphql(`
  mutation OperatorTicketPage_ReplyMutation($input: ReplyToTicketInput!) {
    replyToTicket(input: $input) {
      __typename
      ... on SupportTicketMessage { id body createdAt senderType senderName isInternal }
      ... on Error { message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`);

export function OperatorTicketPage({ ticketId }: { ticketId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: TicketQuery, variables: { id: ticketId } });
  const [live] = useSubscription({ query: MessageAddedSubscription, variables: { ticketId } }, (all: ChatMessage[] = [], event) =>
    event.supportTicketMessageAdded ? [...all, event.supportTicketMessageAdded] : all,
  );
  const [replied, reply] = useMutation(ReplyMutation);

  if (error) return <RequestError error={error} />;
  if (!data) return fetching ? <Loading what="Loading the ticket" /> : null;
  const ticket = data.node?.__typename === "SupportTicket" ? data.node : null;
  if (!ticket?.desk) {
    return (
      <Empty>
        <p>
          This ticket does not exist. <Link to="/operator">The queue</Link>
        </p>
      </Empty>
    );
  }
  const desk = ticket.desk;
  const sent = replied.data?.replyToTicket.__typename === "SupportTicketMessage" ? [replied.data.replyToTicket] : [];
  const messages = mergeMessages(
    desk.conversation.edges.map((e) => e.node),
    live.data ?? [],
    sent,
  );

  const send = async (body: string) => {
    const result = await reply({ input: { ticketId, body } });
    const answer = result.data?.replyToTicket;
    if (answer?.__typename === "SupportTicketMessage") return null;
    return answer?.message ?? result.error?.message ?? "Could not send";
  };

  return (
    <>
      <p className="crumbs">
        <Link to="/operator">Tickets</Link> /
      </p>
      <h1>
        {ticket.number} {ticket.subject} <span className={`badge badge-${ticket.status.toLowerCase()}`}>{humanize(ticket.status)}</span>
      </h1>
      <div className="columns columns-wide-left">
        <section className="card chat-card">
          <ChatLog messages={messages} mine="OPERATOR" />
          <ChatComposer label="Reply to the user" disabled={ticket.status === "CLOSED"} onSend={send} />
        </section>
        <aside className="card">
          <dl className="facts">
            <dt>From</dt>
            <dd>
              {desk.user?.name ?? desk.contactName ?? "—"}
              {desk.telegramUsername ? ` (@${desk.telegramUsername})` : ""}
            </dd>
            <dt>Topic</dt>
            <dd>{humanize(ticket.category)}</dd>
            <dt>Priority</dt>
            <dd>{ticket.priority}</dd>
            <dt>SLA</dt>
            <dd>{desk.slaState ? humanize(desk.slaState) : "—"}</dd>
            <dt>First answer due</dt>
            <dd>{formatDate(desk.firstResponseDueAt)}</dd>
            <dt>Resolution due</dt>
            <dd>{formatDate(desk.resolutionDueAt)}</dd>
            <dt>Assigned to</dt>
            <dd>{desk.assignedTo?.username ?? "nobody"}</dd>
            <dt>Opened</dt>
            <dd>{formatDate(ticket.createdAt)}</dd>
          </dl>
        </aside>
      </div>
    </>
  );
}
