// Trusted documents (PERSISTED_DOCUMENTS=enforce): hashes from the manifest run; other
// documents only for admin sessions and partner API keys, over HTTP and (through the same
// envelop) graphql-ws.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { GRAPHQL_PATH } from "../src/app.ts";
import { createTestApi } from "./support/harness.ts";

const TRUSTED = "query Tiers { __typename pricingTiers { __typename id } }";
const HASH = "sha256:0000000000000000000000000000000000000000000000000000000000000001";

async function manifest(): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "pinglass-manifest-")), "persisted-documents.json");
  await writeFile(file, JSON.stringify({ [HASH]: TRUSTED }));
  return file;
}

const api = await createTestApi({ PERSISTED_DOCUMENTS: "enforce", PERSISTED_DOCUMENTS_MANIFEST: await manifest() });

async function post(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await api.app.fetch(`http://localhost${GRAPHQL_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: Array<{ extensions?: { code?: string } }> };
}

const byHash = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

describe("PERSISTED_DOCUMENTS=enforce", () => {
  test("a document of the manifest runs by its hash, for anyone", async () => {
    const user = await api.signIn();
    for (const headers of [{}, user.headers]) {
      const result = await post(byHash(HASH), headers);
      expect(result.errors).toBeUndefined();
      expect(result.data?.pricingTiers).toEqual(expect.any(Array));
    }
  });

  test("an unknown hash is refused", async () => {
    const result = await post(byHash("sha256:ffff"));
    expect(result.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  test("users and anonymous callers cannot send documents of their own, not even the manifest's text", async () => {
    const user = await api.signIn();
    for (const headers of [{}, user.headers]) {
      for (const query of ["{ viewer { id } }", TRUSTED]) {
        const result = await post({ query }, headers);
        expect(result.errors?.[0]?.extensions?.code).toBe("PERSISTED_DOCUMENT_REQUIRED");
        expect(result.data).toBeUndefined();
      }
    }
  });

  test("admin sessions (the explorer) and partner API keys send any document", async () => {
    const admin = await api.signInAdmin("VIEWER");
    expect((await post({ query: "{ adminMe { role } }" }, admin.headers)).data).toEqual({ adminMe: { role: "VIEWER" } });
    const partner = await api.signIn();
    const key = await api.createApiKey(partner.id, ["REFERRALS_READ"]);
    const result = await post({ query: "{ __typename }" }, key.headers);
    expect(result.errors).toBeUndefined();
    // A forged admin token gets past the document check only to be refused as a session.
    const forged = await post({ query: "{ adminMe { role } }" }, { authorization: "Bearer pga_forged" });
    expect(forged.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  test("over graphql-ws (text only), documents are checked as codegen printed them", async () => {
    const user = await api.signIn();
    const connectionParams = { authorization: user.headers.authorization };
    const parse = (source: string, params: Record<string, unknown> = connectionParams): unknown =>
      api.app.getEnveloped({ connectionParams: params, request: new Request("http://localhost/graphql") }).parse(source);
    // The same document, laid out and ordered differently, is the manifest's.
    expect(() => parse("query Tiers {\n  pricingTiers { id __typename }\n  __typename\n}")).not.toThrow();
    expect(() => parse("subscription { supportQueueUpdated { id } }")).toThrow(/persisted/);
    expect(() => parse("subscription { supportQueueUpdated { id } }", { authorization: "Bearer pga_any" })).not.toThrow();
  });
});
