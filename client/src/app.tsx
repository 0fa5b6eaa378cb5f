import { PricingPage } from "./pages/pricing-page.tsx";

export function App() {
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 720, margin: "0 auto", padding: 16 }}>
      <h1>PinGlass</h1>
      <PricingPage />
    </main>
  );
}
