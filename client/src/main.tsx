import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Provider } from "urql";
import { createUrqlClient } from "./lib/urql.ts";
import { App } from "./app.tsx";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Provider value={createUrqlClient()}>
      <App />
    </Provider>
  </StrictMode>,
);
