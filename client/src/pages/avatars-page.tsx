// The user's avatars, and a new one.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { AvatarCard } from "../components/avatar-card.tsx";
import { TextField } from "../components/field.tsx";
import { Empty, FieldMessage, Loading, RequestError } from "../components/states.tsx";
import { graphql } from "../gql/index.ts";
import { formErrorsOf, NO_ERRORS } from "../lib/field-errors.ts";
import { navigate } from "../lib/router.tsx";

const AvatarsQuery = graphql(`
  query AvatarsPage_AvatarsQuery {
    viewer {
      id
      avatars(first: 50) {
        edges { node { id ...AvatarCard_AvatarFragment } }
      }
    }
  }
`);

const CreateAvatarMutation = graphql(`
  mutation AvatarsPage_CreateAvatarMutation($input: CreateAvatarInput!) {
    createAvatar(input: $input) {
      __typename
      ... on Avatar { id }
      ... on Error { message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`);

const LIST_CONTEXT = { additionalTypenames: ["Avatar"] };

export function AvatarsPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: AvatarsQuery, context: LIST_CONTEXT });
  const avatars = data?.viewer?.avatars.edges ?? [];
  return (
    <>
      <h1>Your avatars</h1>
      <CreateAvatarForm />
      {error && <RequestError error={error} retry={() => refetch({ requestPolicy: "network-only" })} />}
      {!data && fetching ? (
        <Loading what="Loading avatars" />
      ) : avatars.length === 0 && !error ? (
        <Empty>
          <p>No avatars yet. Name one above, then upload 5–20 photos of one person.</p>
        </Empty>
      ) : (
        <div className="card-grid">
          {avatars.map(({ node }) => (
            <AvatarCard key={node.id} avatar={node} />
          ))}
        </div>
      )}
    </>
  );
}

function CreateAvatarForm() {
  const [name, setName] = useState("");
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [{ fetching, data, error }, create] = useMutation(CreateAvatarMutation);
  const errors = data ? formErrorsOf(data.createAvatar, "Avatar") : NO_ERRORS;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({ input: { name, idempotencyKey: key } });
    if (result.data?.createAvatar.__typename === "Avatar") {
      setKey(crypto.randomUUID());
      navigate(`/avatars/${encodeURIComponent(result.data.createAvatar.id)}`);
    }
  };

  return (
    <form className="card form form-inline" onSubmit={submit} aria-label="New avatar">
      <TextField
        label="New avatar"
        placeholder="e.g. Anna, summer 2026"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.fields.name}
        maxLength={100}
      />
      <button type="submit" className="button" disabled={fetching}>
        {fetching ? "Creating…" : "Create avatar"}
      </button>
      <FieldMessage message={errors.form ?? error?.message} />
    </form>
  );
}
