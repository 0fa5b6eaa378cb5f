// A shared gallery, opened by anyone with its link.
import { useQuery } from "urql";
import { Empty, Loading, RequestError } from "../components/states.tsx";
import { graphql } from "../gql/index.ts";
import { formatDate } from "../lib/format.ts";

const GalleryQuery = graphql(`
  query SharedGalleryPage_GalleryQuery($token: String!) {
    sharedGallery(token: $token) {
      avatarName
      expiresAt
      photos(first: 100) { edges { cursor node { imageUrl thumbnailUrl } } }
    }
  }
`);

export function SharedGalleryPage({ token }: { token: string }) {
  const [{ data, fetching, error }] = useQuery({ query: GalleryQuery, variables: { token }, requestPolicy: "network-only" });
  return (
    <main className="page">
      <h1 className="brand">PinGlass</h1>
      {error ? (
        <RequestError error={error} />
      ) : !data ? (
        fetching && <Loading what="Opening the gallery" />
      ) : !data.sharedGallery ? (
        <Empty>
          <p>This link has expired or was turned off.</p>
        </Empty>
      ) : (
        <>
          <h2>{data.sharedGallery.avatarName}</h2>
          {data.sharedGallery.expiresAt && <p className="muted">Shared until {formatDate(data.sharedGallery.expiresAt)}</p>}
          <div className="photo-grid">
            {data.sharedGallery.photos.edges.map(({ cursor, node }) => (
              <a key={cursor} href={node.imageUrl} target="_blank" rel="noreferrer" className="photo-tile">
                <img src={node.thumbnailUrl ?? node.imageUrl} alt={`Portrait of ${data.sharedGallery!.avatarName}`} loading="lazy" />
              </a>
            ))}
          </div>
        </>
      )}
    </main>
  );
}
