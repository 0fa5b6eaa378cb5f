// Support: the user's tickets, and opening a new one.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { SelectField, TextAreaField, TextField } from "../components/field.tsx";
import { Empty, FieldMessage, Loading, RequestError } from "../components/states.tsx";
import { graphql } from "../gql/index.ts";
import { formErrorsOf, NO_ERRORS } from "../lib/field-errors.ts";
import { formatDate, humanize } from "../lib/format.ts";
import { Link, navigate } from "../lib/router.tsx";
import type { TicketCategory } from "../gql/graphql.ts";

const TicketsQuery = graphql(`
  query SupportPage_TicketsQuery {
    viewer {
      id
      supportTickets(first: 30) {
        edges { node { id number subject status category updatedAt } }
      }
    }
  }
`);

const OpenTicketMutation = graphql(`
  mutation SupportPage_OpenTicketMutation($input: OpenSupportTicketInput!) {
    openSupportTicket(input: $input) {
      __typename
      ... on SupportTicket { id number }
      ... on Error { message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`);

const CATEGORIES: TicketCategory[] = ["GENERAL", "PAYMENT", "TECHNICAL", "ACCOUNT"];
const CONTEXT = { additionalTypenames: ["SupportTicket"] };

export function SupportPage() {
  const [{ data, fetching, error }] = useQuery({ query: TicketsQuery, context: CONTEXT });
  const tickets = data?.viewer?.supportTickets.edges ?? [];
  return (
    <>
      <h1>Support</h1>
      <div className="columns">
        <OpenTicketForm />
        <section className="card">
          <h2>Your tickets</h2>
          {error && <RequestError error={error} />}
          {!data && fetching ? (
            <Loading what="Loading tickets" />
          ) : tickets.length === 0 ? (
            <Empty>
              <p>No tickets. Ask us anything with the form.</p>
            </Empty>
          ) : (
            <ul className="list">
              {tickets.map(({ node }) => (
                <li key={node.id}>
                  <Link to={`/support/${encodeURIComponent(node.id)}`} className="list-row">
                    <span>
                      <strong>{node.subject ?? node.number}</strong>
                      <span className="muted">
                        {" "}
                        · {node.number} · {formatDate(node.updatedAt)}
                      </span>
                    </span>
                    <span className={`badge badge-${node.status.toLowerCase()}`}>{humanize(node.status)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

function OpenTicketForm() {
  const [category, setCategory] = useState<TicketCategory>("GENERAL");
  const [subject, setSubject] = useState("");
  const [message, setMessage] = useState("");
  const [{ fetching, data, error }, open] = useMutation(OpenTicketMutation);
  const errors = data ? formErrorsOf(data.openSupportTicket, "SupportTicket") : NO_ERRORS;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await open({ input: { category, subject, message } });
    const ticket = result.data?.openSupportTicket;
    if (ticket?.__typename === "SupportTicket") navigate(`/support/${encodeURIComponent(ticket.id)}`);
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="Open a ticket">
      <h2>Open a ticket</h2>
      <SelectField
        label="Topic"
        value={category}
        onChange={(e) => setCategory(e.target.value as TicketCategory)}
        error={errors.fields.category}
      >
        {CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {humanize(c)}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Subject"
        value={subject}
        onChange={(e) => setSubject(e.target.value)}
        error={errors.fields.subject}
        maxLength={200}
      />
      <TextAreaField label="Message" value={message} rows={4} onChange={(e) => setMessage(e.target.value)} error={errors.fields.message} />
      <FieldMessage message={errors.form ?? error?.message} />
      <button type="submit" className="button" disabled={fetching}>
        {fetching ? "Sending…" : "Send to support"}
      </button>
    </form>
  );
}
