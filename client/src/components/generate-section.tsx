// Starting a generation for an avatar: a style or a pack, paid by the viewer's unspent
// payment (or a way to buy one).
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql/index.ts";
import { formErrorsOf, NO_ERRORS } from "../lib/field-errors.ts";
import { Link, navigate } from "../lib/router.tsx";
import { humanize } from "../lib/format.ts";
import { SelectField } from "./field.tsx";
import { ProgressBar } from "./progress-bar.tsx";
import { FieldMessage, Loading } from "./states.tsx";

const GenerateQuery = graphql(`
  query GenerateSection_OptionsQuery($avatarId: ID!) {
    styles { id name description }
    photoPacks(first: 20) { edges { node { id name } } }
    viewer { id availablePayment { id photoCount tier { id name } } }
    node(id: $avatarId) {
      __typename
      ... on Avatar {
        id
        status
        referencePhotoCount
        latestJob { id status progress completedPhotos totalPhotos }
      }
    }
  }
`);

const StartMutation = graphql(`
  mutation GenerateSection_StartMutation($input: StartGenerationInput!) {
    startGeneration(input: $input) {
      __typename
      ... on GenerationJob { id }
      ... on Error { code message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`);

const CONTEXT = { additionalTypenames: ["Payment", "GenerationJob"] };

export function GenerateSection({ avatarId }: { avatarId: string }) {
  const [{ data, fetching }] = useQuery({ query: GenerateQuery, variables: { avatarId }, context: CONTEXT });
  const [choice, setChoice] = useState("");
  const [started, start] = useMutation(StartMutation);
  const errors = started.data ? formErrorsOf(started.data.startGeneration, "GenerationJob") : NO_ERRORS;
  const needsPayment = started.data?.startGeneration.__typename === "PaymentRequiredError";

  if (!data) return fetching ? <Loading what="Loading styles" /> : null;
  const avatar = data.node?.__typename === "Avatar" ? data.node : null;
  const job = avatar?.latestJob;
  const running = job && (job.status === "PENDING" || job.status === "PROCESSING");
  const payment = data.viewer?.availablePayment;
  const selected = choice || (data.styles[0] ? `style:${data.styles[0].id}` : "");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const [kind, id] = selected.split(/:(.*)/s);
    const result = await start({
      input: { avatarId, paymentId: payment?.id, ...(kind === "pack" ? { packId: id } : { styleId: id }) },
    });
    if (result.data?.startGeneration.__typename === "GenerationJob")
      navigate(`/jobs/${encodeURIComponent(result.data.startGeneration.id)}`);
  };

  return (
    <section className="card">
      <h2>Generate portraits</h2>
      {running ? (
        <>
          <p>
            Portraits are being made: {job.completedPhotos} of {job.totalPhotos}.
          </p>
          <ProgressBar value={job.progress} label="Generation progress" />
          <Link to={`/jobs/${encodeURIComponent(job.id)}`} className="button">
            Watch progress
          </Link>
        </>
      ) : (
        <form className="form" onSubmit={submit} aria-label="Start a generation">
          {job && (
            <p className="muted">
              Last generation: {humanize(job.status)} ({job.completedPhotos}/{job.totalPhotos}).{" "}
              <Link to={`/jobs/${encodeURIComponent(job.id)}`}>Details</Link>
            </p>
          )}
          <SelectField
            label="Style or pack"
            value={selected}
            onChange={(e) => setChoice(e.target.value)}
            error={errors.fields.styleId ?? errors.fields.packId}
          >
            <optgroup label="Styles">
              {data.styles.map((s) => (
                <option key={s.id} value={`style:${s.id}`}>
                  {s.name}
                </option>
              ))}
            </optgroup>
            {data.photoPacks.edges.length > 0 && (
              <optgroup label="Packs">
                {data.photoPacks.edges.map(({ node }) => (
                  <option key={node.id} value={`pack:${node.id}`}>
                    {node.name}
                  </option>
                ))}
              </optgroup>
            )}
          </SelectField>
          {payment ? (
            <p className="badge badge-ready">
              Paid: {payment.tier?.name ?? "tier"} · {payment.photoCount} portraits
            </p>
          ) : (
            <p className="muted">
              A generation needs a paid tier. <Link to={`/pricing?avatar=${encodeURIComponent(avatarId)}`}>Choose a tier</Link>
            </p>
          )}
          <FieldMessage message={errors.form} />
          {needsPayment && (
            <Link to={`/pricing?avatar=${encodeURIComponent(avatarId)}`} className="button button-secondary">
              Choose a tier
            </Link>
          )}
          <button type="submit" className="button" disabled={started.fetching || !payment || !avatar?.referencePhotoCount}>
            {started.fetching ? "Starting…" : "Start generation"}
          </button>
          {avatar && avatar.referencePhotoCount === 0 && <p className="hint">Upload reference photos first.</p>}
        </form>
      )}
    </section>
  );
}
