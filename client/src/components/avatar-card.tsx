import { graphql, useFragment, type FragmentType } from "../gql/index.ts";
import { Link } from "../lib/router.tsx";
import { humanize } from "../lib/format.ts";

export const AvatarCard_AvatarFragment = graphql(`
  fragment AvatarCard_AvatarFragment on Avatar {
    id
    name
    status
    thumbnailUrl
    referencePhotoCount
    generatedPhotoCount
  }
`);

export function AvatarCard(props: { avatar: FragmentType<typeof AvatarCard_AvatarFragment> }) {
  const avatar = useFragment(AvatarCard_AvatarFragment, props.avatar);
  return (
    <Link to={`/avatars/${encodeURIComponent(avatar.id)}`} className="avatar-card">
      <div className="avatar-thumb">
        {avatar.thumbnailUrl ? <img src={avatar.thumbnailUrl} alt="" /> : <span aria-hidden>{avatar.name.slice(0, 1).toUpperCase()}</span>}
      </div>
      <div>
        <strong>{avatar.name}</strong>
        <div className="muted">
          {avatar.referencePhotoCount} references · {avatar.generatedPhotoCount} portraits
        </div>
        <span className={`badge badge-${avatar.status.toLowerCase()}`}>{humanize(avatar.status)}</span>
      </div>
    </Link>
  );
}
