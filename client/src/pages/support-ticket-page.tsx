// One support ticket as a live chat: the conversation so far, new messages as they are
// written (supportTicketMessageAdded), the ticket's status (supportTicketUpdated).
import { useMutation, useQuery, useSubscription } from "urql";
import { ChatComposer, ChatLog, mergeMessages, type ChatMessage } from "../components/chat.tsx";
import { Empty, Loading, RequestError } from "../components/states.tsx";
import { graphql } from "../gql/index.ts";
import { humanize } from "../lib/format.ts";
import { Link } from "../lib/router.tsx";

const TicketQuery = graphql(`
  query SupportTicketPage_TicketQuery($id: ID!) {
    node(id: $id) {
      __typename
      ... on SupportTicket {
        id
        number
        subject
        status
        messages(first: 100) {
          edges { node { id body createdAt senderType senderName } }
        }
      }
    }
  }
`);

const MessageAddedSubscription = graphql(`
  subscription SupportTicketPage_MessageAddedSubscription($ticketId: ID!) {
    supportTicketMessageAdded(ticketId: $ticketId) { id body createdAt senderType senderName }
  }
`);

const TicketUpdatedSubscription = graphql(`
  subscription SupportTicketPage_TicketUpdatedSubscription($ticketId: ID!) {
    supportTicketUpdated(ticketId: $ticketId) { id status }
  }
`);

const PostMutation = graphql(`
  mutation SupportTicketPage_PostMutation($input: PostSupportMessageInput!) {
    postSupportMessage(input: $input) {
      __typename
      ... on SupportTicketMessage { id body createdAt senderType senderName }
      ... on Error { message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`);

export function SupportTicketPage({ ticketId }: { ticketId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: TicketQuery, variables: { id: ticketId } });
  // Every message that arrives live, kept in order of arrival.
  const [live] = useSubscription({ query: MessageAddedSubscription, variables: { ticketId } }, (all: ChatMessage[] = [], event) =>
    event.supportTicketMessageAdded ? [...all, event.supportTicketMessageAdded] : all,
  );
  const [status] = useSubscription({ query: TicketUpdatedSubscription, variables: { ticketId } });
  const [posted, post] = useMutation(PostMutation);

  if (error) return <RequestError error={error} />;
  if (!data) return fetching ? <Loading what="Loading the conversation" /> : null;
  const ticket = data.node?.__typename === "SupportTicket" ? data.node : null;
  if (!ticket) {
    return (
      <Empty>
        <p>
          This ticket does not exist. <Link to="/support">Your tickets</Link>
        </p>
      </Empty>
    );
  }
  const sent = posted.data?.postSupportMessage.__typename === "SupportTicketMessage" ? [posted.data.postSupportMessage] : [];
  const messages = mergeMessages(
    ticket.messages.edges.map((e) => e.node),
    live.data ?? [],
    sent,
  );
  const currentStatus = status.data?.supportTicketUpdated?.status ?? ticket.status;
  const closed = currentStatus === "CLOSED";

  const send = async (body: string) => {
    const result = await post({ input: { ticketId, body } });
    const answer = result.data?.postSupportMessage;
    if (answer?.__typename === "SupportTicketMessage") return null;
    return answer?.message ?? result.error?.message ?? "Could not send";
  };

  return (
    <>
      <p className="crumbs">
        <Link to="/support">Support</Link> /
      </p>
      <h1>
        {ticket.subject ?? ticket.number}{" "}
        <span className={`badge badge-${currentStatus.toLowerCase()}`} data-testid="ticket-status">
          {humanize(currentStatus)}
        </span>
      </h1>
      <p className="muted">{ticket.number}</p>
      <section className="card chat-card">
        <ChatLog messages={messages} mine="USER" />
        {closed ? (
          <p className="hint">This ticket is closed. Open a new one if you need more help.</p>
        ) : (
          <ChatComposer label="Your message" onSend={send} />
        )}
      </section>
    </>
  );
}
