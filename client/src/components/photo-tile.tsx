// One generated portrait with its favorite toggle.
import { useState } from "react";
import { useMutation } from "urql";
import { graphql, useFragment, type FragmentType } from "../gql/index.ts";

export const PhotoTile_PhotoFragment = graphql(`
  fragment PhotoTile_PhotoFragment on GeneratedPhoto {
    id
    imageUrl
    thumbnailUrl
    isFavorite
    style { id name }
  }
`);

const FavoriteMutation = graphql(`
  mutation PhotoTile_FavoriteMutation($input: FavoritePhotoInput!) {
    favoritePhoto(input: $input) {
      __typename
      ... on GeneratedPhoto { id isFavorite }
      ... on Error { message }
    }
  }
`);

const UnfavoriteMutation = graphql(`
  mutation PhotoTile_UnfavoriteMutation($input: UnfavoritePhotoInput!) {
    unfavoritePhoto(input: $input) {
      __typename
      ... on GeneratedPhoto { id isFavorite }
      ... on Error { message }
    }
  }
`);

export function PhotoTile(props: { photo: FragmentType<typeof PhotoTile_PhotoFragment> }) {
  const photo = useFragment(PhotoTile_PhotoFragment, props.photo);
  const [favorited, favorite] = useMutation(FavoriteMutation);
  const [unfavorited, unfavorite] = useMutation(UnfavoriteMutation);
  // The server's answer to this tile's last change: the list the photo came from may be a
  // live stream that still carries the value from before.
  const [answered, setAnswered] = useState<boolean | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const isFavorite = answered ?? photo.isFavorite;

  const toggle = async () => {
    setFailure(null);
    const input = { photoId: photo.id };
    const result = isFavorite ? await unfavorite({ input }) : await favorite({ input });
    const value = result.data && ("favoritePhoto" in result.data ? result.data.favoritePhoto : result.data.unfavoritePhoto);
    if (value?.__typename === "GeneratedPhoto") setAnswered(value.isFavorite);
    else setFailure(value?.message ?? result.error?.message ?? "Could not change the favorite");
  };

  return (
    <figure className="photo-tile" data-testid="photo-tile">
      <a href={photo.imageUrl} target="_blank" rel="noreferrer">
        <img src={photo.thumbnailUrl ?? photo.imageUrl} alt={photo.style ? `Portrait, ${photo.style.name}` : "Portrait"} loading="lazy" />
      </a>
      <figcaption>
        <span className="muted">{photo.style?.name ?? "Pack"}</span>
        <button
          type="button"
          className={isFavorite ? "favorite is-on" : "favorite"}
          aria-pressed={isFavorite}
          aria-label={isFavorite ? "Remove from favorites" : "Add to favorites"}
          disabled={favorited.fetching || unfavorited.fetching}
          onClick={toggle}
        >
          {isFavorite ? "♥" : "♡"}
        </button>
      </figcaption>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
    </figure>
  );
}
