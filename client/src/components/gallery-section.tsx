// An avatar's portraits, by style, with favorites and a share link.
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql/index.ts";
import { formatDate } from "../lib/format.ts";
import { PhotoTile } from "./photo-tile.tsx";
import { Empty, FieldMessage, Loading, RequestError } from "./states.tsx";

const GalleryQuery = graphql(`
  query GallerySection_PhotosQuery($avatarId: ID!, $styleId: ID) {
    styles { id name }
    node(id: $avatarId) {
      __typename
      ... on Avatar {
        id
        generatedPhotos(first: 100, styleId: $styleId) {
          totalCount
          edges { node { id ...PhotoTile_PhotoFragment } }
        }
        sharedGalleries(first: 5) { edges { node { id url expiresAt revokedAt } } }
      }
    }
  }
`);

const ShareMutation = graphql(`
  mutation GallerySection_ShareMutation($input: CreateSharedGalleryInput!) {
    createSharedGallery(input: $input) {
      __typename
      ... on SharedGallery { id url expiresAt }
      ... on Error { message }
    }
  }
`);

const CONTEXT = { additionalTypenames: ["GeneratedPhoto", "SharedGallery"] };

export function GallerySection({ avatarId }: { avatarId: string }) {
  const [styleId, setStyleId] = useState<string | null>(null);
  const [{ data, fetching, error }] = useQuery({ query: GalleryQuery, variables: { avatarId, styleId }, context: CONTEXT });
  const [shared, share] = useMutation(ShareMutation);
  const [copied, setCopied] = useState(false);
  const avatar = data?.node?.__typename === "Avatar" ? data.node : null;
  const photos = avatar?.generatedPhotos.edges ?? [];
  const live = avatar?.sharedGalleries.edges
    .map((e) => e.node)
    .find((g) => !g.revokedAt && (!g.expiresAt || new Date(g.expiresAt) > new Date()));
  // The API gives the page's path in this app; people share the whole address.
  const link = live ? { ...live, url: new URL(live.url, window.location.origin).toString() } : undefined;
  const shareAnswer = shared.data?.createSharedGallery;

  const copy = async (url: string) => {
    await navigator.clipboard?.writeText(url).catch(() => {});
    setCopied(true);
  };

  return (
    <section className="card">
      <h2>Portraits</h2>
      <div className="chips" role="group" aria-label="Filter by style">
        <button type="button" className={styleId === null ? "chip is-on" : "chip"} onClick={() => setStyleId(null)}>
          All
        </button>
        {data?.styles.map((s) => (
          <button key={s.id} type="button" className={styleId === s.id ? "chip is-on" : "chip"} onClick={() => setStyleId(s.id)}>
            {s.name}
          </button>
        ))}
      </div>
      {error && <RequestError error={error} />}
      {!data && fetching ? (
        <Loading what="Loading portraits" />
      ) : photos.length === 0 ? (
        <Empty>
          <p>{styleId ? "No portraits in this style yet." : "No portraits yet: start a generation above."}</p>
        </Empty>
      ) : (
        <div className="photo-grid">
          {photos.map(({ node }) => (
            <PhotoTile key={node.id} photo={node} />
          ))}
        </div>
      )}
      {photos.length > 0 && (
        <div className="share">
          {link ? (
            <div className="share-link">
              <input readOnly value={link.url} aria-label="Share link" onFocus={(e) => e.target.select()} />
              <button type="button" className="button button-secondary" onClick={() => copy(link.url)}>
                {copied ? "Copied" : "Copy"}
              </button>
              <span className="hint">Valid until {formatDate(link.expiresAt)}</span>
            </div>
          ) : (
            <button
              type="button"
              className="button button-secondary"
              disabled={shared.fetching}
              onClick={() => share({ input: { avatarId } })}
            >
              Create a share link
            </button>
          )}
          <FieldMessage message={shareAnswer && shareAnswer.__typename !== "SharedGallery" ? shareAnswer.message : shared.error?.message} />
        </div>
      )}
    </section>
  );
}
