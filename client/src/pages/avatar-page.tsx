// One avatar: its reference photos, starting a generation, and its portraits.
import { useQuery } from "urql";
import { GallerySection } from "../components/gallery-section.tsx";
import { GenerateSection } from "../components/generate-section.tsx";
import { ReferencePhotos } from "../components/reference-photos.tsx";
import { Empty, Loading, RequestError } from "../components/states.tsx";
import { graphql } from "../gql/index.ts";
import { humanize } from "../lib/format.ts";
import { Link } from "../lib/router.tsx";

const AvatarQuery = graphql(`
  query AvatarPage_AvatarQuery($id: ID!) {
    node(id: $id) {
      __typename
      ... on Avatar {
        id
        name
        status
        ...ReferencePhotos_AvatarFragment
      }
    }
  }
`);

export function AvatarPage({ avatarId }: { avatarId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: AvatarQuery, variables: { id: avatarId } });
  if (error) return <RequestError error={error} />;
  if (!data) return fetching ? <Loading what="Loading avatar" /> : null;
  const avatar = data.node?.__typename === "Avatar" ? data.node : null;
  if (!avatar) {
    return (
      <Empty>
        <p>
          This avatar does not exist (any more). <Link to="/">Your avatars</Link>
        </p>
      </Empty>
    );
  }
  return (
    <>
      <p className="crumbs">
        <Link to="/">Avatars</Link> /
      </p>
      <h1>
        {avatar.name} <span className={`badge badge-${avatar.status.toLowerCase()}`}>{humanize(avatar.status)}</span>
      </h1>
      <div className="columns">
        <div>
          <ReferencePhotos avatar={avatar} />
          <GenerateSection avatarId={avatar.id} />
        </div>
        <GallerySection avatarId={avatar.id} />
      </div>
    </>
  );
}
