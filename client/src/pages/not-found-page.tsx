import { Link } from "../lib/router.tsx";

export function NotFoundPage() {
  return (
    <section className="card">
      <h1>Nothing here</h1>
      <p>
        This page does not exist. <Link to="/">Back to the start</Link>
      </p>
    </section>
  );
}
