// Prompts and packs: the library the styles and packs generate from.
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { Empty, FieldMessage, Loading, RequestError } from "../../components/states.tsx";
import { graphql } from "../../gql/index.ts";

const ContentQuery = graphql(`
  query ContentPage_ContentQuery($search: String) {
    admin {
      savedPrompts(first: 50, filter: { search: $search }) {
        totalCount
        edges { node { id title prompt isActive tags packItemCount style { id name } } }
      }
      photoPacks(first: 50) {
        totalCount
        edges { node { id name description isActive coverUrl allItems(first: 1) { totalCount } } }
      }
    }
  }
`);

const DeactivatePromptMutation = graphql(`
  mutation ContentPage_DeactivatePromptMutation($input: DeactivateSavedPromptInput!) {
    deactivateSavedPrompt(input: $input) {
      __typename
      ... on SavedPrompt { id isActive }
      ... on Error { message }
    }
  }
`);

const TogglePackMutation = graphql(`
  mutation ContentPage_TogglePackMutation($input: UpdatePhotoPackInput!) {
    updatePhotoPack(input: $input) {
      __typename
      ... on PhotoPack { id isActive }
      ... on Error { message }
    }
  }
`);

export function ContentPage() {
  const [search, setSearch] = useState("");
  const [{ data, fetching, error }] = useQuery({ query: ContentQuery, variables: { search: search.trim() || null } });
  const [deactivated, deactivate] = useMutation(DeactivatePromptMutation);
  const [toggled, toggle] = useMutation(TogglePackMutation);
  const promptFailure =
    deactivated.data?.deactivateSavedPrompt.__typename === "SavedPrompt"
      ? null
      : (deactivated.data?.deactivateSavedPrompt.message ?? deactivated.error?.message);
  const packFailure =
    toggled.data?.updatePhotoPack.__typename === "PhotoPack" ? null : (toggled.data?.updatePhotoPack.message ?? toggled.error?.message);

  if (error) return <RequestError error={error} />;
  if (!data) return fetching ? <Loading what="Loading prompts and packs" /> : null;
  const prompts = data.admin.savedPrompts.edges;
  const packs = data.admin.photoPacks.edges;
  return (
    <>
      <h1>Prompts & packs</h1>
      <div className="columns">
        <section className="card">
          <h2>Prompts ({data.admin.savedPrompts.totalCount})</h2>
          <input
            className="search"
            type="search"
            placeholder="Search prompts"
            aria-label="Search prompts"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <FieldMessage message={promptFailure} />
          {prompts.length === 0 ? (
            <Empty>
              <p>No prompts match.</p>
            </Empty>
          ) : (
            <ul className="list">
              {prompts.map(({ node }) => (
                <li key={node.id} className="list-card">
                  <div>
                    <strong>{node.title}</strong>{" "}
                    <span className="muted">
                      {node.style?.name ?? "no style"} · in {node.packItemCount} packs
                    </span>
                    <p className="prompt-text">{node.prompt}</p>
                    {node.tags.map((t) => (
                      <span key={t} className="chip chip-static">
                        {t}
                      </span>
                    ))}
                  </div>
                  {node.isActive ? (
                    <button type="button" className="button button-secondary" onClick={() => deactivate({ input: { id: node.id } })}>
                      Retire
                    </button>
                  ) : (
                    <span className="badge">retired</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card">
          <h2>Packs ({data.admin.photoPacks.totalCount})</h2>
          <FieldMessage message={packFailure} />
          {packs.length === 0 ? (
            <Empty>
              <p>No packs yet.</p>
            </Empty>
          ) : (
            <ul className="list">
              {packs.map(({ node }) => (
                <li key={node.id} className="list-card">
                  <div>
                    <strong>{node.name}</strong> <span className="muted">{node.allItems.totalCount} items</span>
                    {node.description && <p className="muted">{node.description}</p>}
                  </div>
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => toggle({ input: { id: node.id, isActive: !node.isActive } })}
                  >
                    {node.isActive ? "Retire" : "Publish"}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
