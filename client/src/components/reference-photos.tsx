// An avatar's reference photos: what is uploaded, and choosing, previewing and
// uploading more (checked here first; the server's verdict shows next to the picker).
import { useEffect, useId, useMemo, useState, type ChangeEvent } from "react";
import { useMutation } from "urql";
import { graphql, useFragment, type FragmentType } from "../gql/index.ts";
import { formErrorsOf, NO_ERRORS } from "../lib/field-errors.ts";
import { FieldMessage } from "./states.tsx";

export const ReferencePhotos_AvatarFragment = graphql(`
  fragment ReferencePhotos_AvatarFragment on Avatar {
    id
    status
    referencePhotoCount
    referencePhotos(first: 50) {
      edges { node { id imageUrl originalFilename } }
    }
  }
`);

const UploadMutation = graphql(`
  mutation ReferencePhotos_UploadMutation($input: UploadReferencePhotosInput!) {
    uploadReferencePhotos(input: $input) {
      __typename
      ... on UploadReferencePhotosPayload {
        photos { id }
        avatar { id referencePhotoCount status }
      }
      ... on Error { message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`);

const DeleteMutation = graphql(`
  mutation ReferencePhotos_DeleteMutation($input: DeleteReferencePhotoInput!) {
    deleteReferencePhoto(input: $input) {
      __typename
      ... on Error { message }
    }
  }
`);

/** What the API accepts (it checks the bytes too); these limits spare a doomed upload. */
const ACCEPTED_TYPES = ["image/jpeg", "image/png", "image/webp", "image/heic"];
const MAX_FILES_PER_UPLOAD = 5;
const MAX_FILE_BYTES = 10_000_000;

function checkFiles(files: File[]): string | null {
  if (files.length > MAX_FILES_PER_UPLOAD) return `Choose at most ${MAX_FILES_PER_UPLOAD} photos at a time`;
  const wrong = files.find((f) => f.type && !ACCEPTED_TYPES.includes(f.type));
  if (wrong) return `${wrong.name} is not a JPEG, PNG, WEBP or HEIC image`;
  const large = files.find((f) => f.size > MAX_FILE_BYTES);
  if (large) return `${large.name} is larger than ${MAX_FILE_BYTES / 1_000_000} MB`;
  return null;
}

export function ReferencePhotos(props: { avatar: FragmentType<typeof ReferencePhotos_AvatarFragment> }) {
  const avatar = useFragment(ReferencePhotos_AvatarFragment, props.avatar);
  const inputId = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [pickError, setPickError] = useState<string | null>(null);
  const [{ fetching, data, error }, upload] = useMutation(UploadMutation);
  const [, remove] = useMutation(DeleteMutation);
  const serverErrors = data ? formErrorsOf(data.uploadReferencePhotos, "UploadReferencePhotosPayload") : NO_ERRORS;
  const previews = useMemo(() => files.map((file) => ({ file, url: URL.createObjectURL(file) })), [files]);
  useEffect(() => () => previews.forEach((p) => URL.revokeObjectURL(p.url)), [previews]);
  const locked = avatar.status === "PROCESSING";

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    event.target.value = "";
    setPickError(checkFiles(chosen));
    setFiles(chosen);
  };

  const send = async () => {
    const result = await upload({ input: { avatarId: avatar.id, files } });
    if (result.data?.uploadReferencePhotos.__typename === "UploadReferencePhotosPayload") setFiles([]);
  };

  const fileError = pickError ?? serverErrors.fields.files ?? serverErrors.form ?? error?.message ?? null;
  const photos = avatar.referencePhotos.edges;
  return (
    <section className="card" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>Reference photos ({avatar.referencePhotoCount})</h2>
      <p className="muted">5–20 clear photos of one face: different angles and light, no sunglasses, nobody else in the frame.</p>
      {photos.length > 0 ? (
        <ul className="thumb-grid" aria-label="Uploaded reference photos">
          {photos.map(({ node }) => (
            <li key={node.id} className="thumb">
              <img src={node.imageUrl} alt={node.originalFilename ?? "Reference photo"} loading="lazy" />
              {!locked && (
                <button
                  type="button"
                  className="thumb-remove"
                  aria-label="Remove photo"
                  onClick={() => remove({ input: { photoId: node.id } })}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="state state-empty">No reference photos yet.</p>
      )}
      <div className="field">
        <label htmlFor={inputId} className={locked ? "button button-secondary is-disabled" : "button button-secondary"}>
          Choose photos
        </label>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          accept={ACCEPTED_TYPES.join(",")}
          multiple
          disabled={locked}
          onChange={pick}
          aria-describedby={fileError ? `${inputId}-error` : undefined}
          aria-invalid={fileError ? true : undefined}
        />
        {locked && <p className="hint">Photos cannot change while portraits are being generated.</p>}
        <FieldMessage id={`${inputId}-error`} message={fileError} />
      </div>
      {previews.length > 0 && (
        <>
          <ul className="thumb-grid" aria-label="Chosen photos">
            {previews.map(({ file, url }) => (
              <li key={url} className="thumb thumb-preview">
                <img src={url} alt={`Preview of ${file.name}`} />
              </li>
            ))}
          </ul>
          <button type="button" className="button" disabled={fetching || pickError !== null} onClick={send}>
            {fetching ? "Uploading…" : `Upload ${files.length} photo${files.length === 1 ? "" : "s"}`}
          </button>
        </>
      )}
    </section>
  );
}
