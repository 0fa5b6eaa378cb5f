import { useQuery } from "urql";
import { graphql } from "../gql/index.ts";

const PricingPageQuery = graphql(`
  query PricingPage_TiersQuery {
    pricingTiers { id code name price photoCount isPopular }
  }
`);

export function PricingPage() {
  const [{ data, fetching, error }] = useQuery({ query: PricingPageQuery });
  if (fetching) return <p>Loading tiers…</p>;
  if (error) return <p role="alert">Could not load tiers: {error.message}</p>;
  if (!data?.pricingTiers.length) return <p>No tiers on sale right now.</p>;
  return (
    <ul style={{ listStyle: "none", padding: 0, display: "grid", gap: 12 }}>
      {data.pricingTiers.map((tier) => (
        <li key={tier.id} style={{ border: "1px solid #ddd", borderRadius: 8, padding: 12 }}>
          <strong>{tier.name}</strong> {tier.isPopular && <em>popular</em>}
          <div>
            {tier.photoCount} portraits · {tier.price} ₽
          </div>
        </li>
      ))}
    </ul>
  );
}
