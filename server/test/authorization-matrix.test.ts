// One authorization matrix over the whole schema.
//
// The fields come from the built schema, not a hand list: every root Query, Mutation and
// Subscription field, every field of the `admin` namespace (AdminQueries), and every object
// field whose Pothos options carry `authScopes`. Each is probed once per audience (anonymous,
// the owning user, another user, partner keys with every scope and without each one, VIEWER,
// OPERATOR, ADMIN) with a minimal operation, and the outcome is compared with the table in
// support/authorization-table.ts. The rule for an outcome (support/authorization-audiences.ts):
// - UNAUTHENTICATED / FORBIDDEN: that code came back, as a GraphQL error or a typed error.
// - NOT_FOUND: the probe names the owner's fixture and the audience cannot see it (typed
//   NotFoundError, or node(id)-style lookups answering null).
// - allow: none of those. A typed domain error (VALIDATION_FAILED, CONFLICT, PAYMENT_REQUIRED, …)
//   is still "allow": authorization let the request through. So is NOT_FOUND when the probe
//   deliberately names a row that does not exist (mutations whose ids are made up, so that an
//   authorised audience causes no side effect).
// Any other error (a crash, a malformed probe) fails the test, naming the field and audience.
//
// Set AUTHZ_MATRIX_OBSERVED=<file> to write every observed cell there as JSON (a starting point
// when a change moves many cells; review each before copying it into the table).
//
// Mutations run last, on harmless inputs; the ones that end the caller's session get fresh
// credentials. Subscriptions go through yoga over SSE: an error event, or an open quiet stream.
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { schema } from "../src/schema/index.ts";
import { AUDIENCES, AUTHORIZATION_DOC, authorizationDoc, type AudienceId } from "./support/authorization-audiences.ts";
import {
  createAudiences,
  createFixtures,
  probeFor,
  runProbe,
  schemaFields,
  type Audiences,
  type Fixtures,
} from "./support/authorization-probes.ts";
import { AUTHORIZATION_NOTES, AUTHORIZATION_TABLE } from "./support/authorization-table.ts";
import { createTestApi } from "./support/harness.ts";

const api = await createTestApi();
const fields = schemaFields(schema);
let fixtures: Fixtures;
let audiences: Audiences;

beforeAll(async () => {
  const owner = await api.signIn({ name: "Owner" });
  const other = await api.signIn({ name: "Other" });
  audiences = await createAudiences(api, owner, other);
  fixtures = await createFixtures(api, owner.id, other.id);
});

describe("the authorization matrix", () => {
  it("has an entry for every field of the schema, and none for a field that is gone", () => {
    const inSchema = new Set(fields.map((f) => f.path));
    const missing = [...inSchema].filter((path) => !(path in AUTHORIZATION_TABLE));
    const stale = Object.keys(AUTHORIZATION_TABLE).filter((path) => !inSchema.has(path));
    expect(missing, "fields without an entry in test/support/authorization-table.ts").toEqual([]);
    expect(stale, "entries of test/support/authorization-table.ts for fields the schema no longer has").toEqual([]);
    for (const [path, row] of Object.entries(AUTHORIZATION_TABLE)) {
      expect(Object.keys(row).sort(), `${path}: one cell per audience`).toEqual(AUDIENCES.map((a) => a.id).sort());
    }
  });

  it("agrees with the scopes each field declares: a field not open to everyone refuses anonymous callers", () => {
    for (const { path, field } of fields) {
      const scopes = (field.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions?.authScopes;
      if (typeof scopes !== "object" || scopes === null || "public" in scopes) continue;
      expect(AUTHORIZATION_TABLE[path]?.anonymous, `${path} declares ${JSON.stringify(scopes)}`).not.toBe("allow");
    }
  });

  it("docs/authorization.md is generated from the table (pnpm docs:authorization)", async () => {
    const written = await readFile(AUTHORIZATION_DOC, "utf8").catch(() => "");
    const expected = await authorizationDoc(AUTHORIZATION_TABLE, AUTHORIZATION_NOTES);
    expect(written === expected, "docs/authorization.md is stale: run 'pnpm docs:authorization'").toBe(true);
  });

  it("every audience gets what the table says from every field", { timeout: 300_000 }, async () => {
    const order = { query: 0, subscription: 1, mutation: 2 } as const;
    const probes = fields
      .map((f) => ({ ...f, probe: probeFor(schema, f, fixtures) }))
      .sort((a, b) => order[a.probe.kind] - order[b.probe.kind]);
    const mismatches: string[] = [];
    const observed: Record<string, Record<AudienceId, string>> = {};
    for (const { path, probe } of probes) {
      const credentials = probe.fresh ? await createAudiences(api, await api.signIn(), await api.signIn()) : audiences;
      const cells = await Promise.all(
        AUDIENCES.map(async ({ id }) => {
          try {
            const { outcome, answer } = await runProbe(api, probe, credentials[id]);
            return { audience: id, outcome: outcome, answer: JSON.stringify(answer).slice(0, 400) };
          } catch (error) {
            return { audience: id, outcome: `crashed: ${(error as Error).message}`, answer: "" };
          }
        }),
      );
      observed[path] = Object.fromEntries(cells.map((c) => [c.audience, c.outcome])) as Record<AudienceId, string>;
      const expected = AUTHORIZATION_TABLE[path];
      for (const { audience, outcome, answer } of cells) {
        if (expected && expected[audience] !== outcome) {
          mismatches.push(`${path} as ${audience}: expected ${expected[audience]}, got ${outcome}\n    ${probe.query}\n    ${answer}`);
        }
      }
    }
    if (process.env.AUTHZ_MATRIX_OBSERVED) {
      const { writeFile } = await import("node:fs/promises");
      await writeFile(process.env.AUTHZ_MATRIX_OBSERVED, JSON.stringify(observed, null, 2));
    }
    expect(mismatches, `${mismatches.length} cells differ from the table`).toEqual([]);
  });
});
