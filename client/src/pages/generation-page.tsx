// A generation as it happens: progress and each portrait as it finishes, all from the
// generationJobUpdated subscription (which answers the current state at once).
import { useSubscription } from "urql";
import { PhotoTile } from "../components/photo-tile.tsx";
import { ProgressBar } from "../components/progress-bar.tsx";
import { Empty, Loading, RequestError } from "../components/states.tsx";
import { graphql } from "../gql/index.ts";
import { humanize } from "../lib/format.ts";
import { Link } from "../lib/router.tsx";

const JobSubscription = graphql(`
  subscription GenerationPage_JobSubscription($jobId: ID!) {
    generationJobUpdated(jobId: $jobId) {
      id
      status
      progress
      completedPhotos
      totalPhotos
      errorMessage
      avatar { id name }
      style { id name }
      pack { id name }
      generatedPhotos(first: 50) {
        edges { node { id ...PhotoTile_PhotoFragment } }
      }
    }
  }
`);

export function GenerationPage({ jobId }: { jobId: string }) {
  const [{ data, error }] = useSubscription({ query: JobSubscription, variables: { jobId } });
  if (error) return <RequestError error={error} />;
  if (data === undefined) return <Loading what="Connecting" />;
  const job = data.generationJobUpdated;
  if (!job) {
    return (
      <Empty>
        <p>
          This generation does not exist. <Link to="/">Your avatars</Link>
        </p>
      </Empty>
    );
  }
  const done = job.status === "COMPLETED" || job.status === "FAILED";
  const photos = job.generatedPhotos.edges;
  return (
    <>
      <p className="crumbs">
        <Link to="/">Avatars</Link> / <Link to={`/avatars/${encodeURIComponent(job.avatar.id)}`}>{job.avatar.name}</Link> /
      </p>
      <h1>{job.style?.name ?? job.pack?.name ?? "Generation"}</h1>
      <section className="card" aria-live="polite">
        <p>
          <span className={`badge badge-${job.status.toLowerCase()}`} data-testid="job-status">
            {humanize(job.status)}
          </span>{" "}
          {job.completedPhotos} of {job.totalPhotos} portraits ready
        </p>
        <ProgressBar value={job.progress} label="Generation progress" />
        {job.status === "FAILED" && (
          <p className="field-error">{job.errorMessage ?? "The generation failed; your payment was given back."}</p>
        )}
        {!done && <p className="hint">You can leave this page: the portraits keep coming and wait in your gallery.</p>}
      </section>
      {photos.length === 0 ? (
        <Empty>
          <p>The first portraits appear here as soon as they are ready.</p>
        </Empty>
      ) : (
        <div className="photo-grid">
          {photos.map(({ node }) => (
            <PhotoTile key={node.id} photo={node} />
          ))}
        </div>
      )}
      {done && (
        <Link to={`/avatars/${encodeURIComponent(job.avatar.id)}`} className="button">
          Open the gallery
        </Link>
      )}
    </>
  );
}
