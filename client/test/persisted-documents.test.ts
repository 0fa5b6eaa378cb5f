// Trusted documents: every operation the client can send is in the manifest an API with
// PERSISTED_DOCUMENTS=enforce (the production default) runs, as codegen prints and hashes
// it, and no document text reaches urql other than through graphql(). A document added
// without `pnpm generate` fails here, before any browser starts (issue 13: the web
// sign-in's mutation was refused in production for want of it).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { before, describe, test } from "node:test";
import { clientSources, compareWithManifest, manifestOf, MANIFEST_PATH, scanSources, type SourceFile } from "./support/documents.ts";

let sources: SourceFile[];
let manifest: Record<string, string>;

before(async () => {
  sources = await clientSources();
  manifest = JSON.parse(await readFile(MANIFEST_PATH, "utf8")) as Record<string, string>;
});

describe("persisted documents", () => {
  test("no document text is sent past graphql(): no raw strings, gql tags or other documents handed to urql", () => {
    const { documents, problems } = scanSources(sources);
    assert.deepEqual(problems, []);
    assert.ok(documents.length >= 40, `only ${documents.length} graphql() documents found: is the scan reading client/src?`);
  });

  test("every operation of client/src is in persisted-documents.json, as codegen prints and hashes it, and nothing else is", async () => {
    const { documents } = scanSources(sources);
    const { entries, problems } = await manifestOf(documents);
    assert.deepEqual(problems, []);
    assert.deepEqual(compareWithManifest(entries, manifest), []);
    const names = new Set([...entries.values()].map((e) => e.name));
    for (const name of [
      "SignInPage_SignInMutation",
      "SignInPage_WidgetSignInMutation",
      "PricingPage_TiersQuery",
      "GenerationPage_JobSubscription",
    ]) {
      assert.ok(names.has(name), `${name} is among the client's operations`);
    }
    assert.equal(entries.size, Object.keys(manifest).length);
  });

  test("an operation added without regenerating is reported (the missing web sign-in would have been)", async () => {
    const added: SourceFile = {
      name: "pages/new-page.tsx",
      text: 'import { graphql } from "../gql/index.ts";\nconst Q = graphql(`\n  query NewPage_ThingsQuery { styles { id } }\n`);\n',
    };
    const { entries } = await manifestOf(scanSources([...sources, added]).documents);
    const problems = compareWithManifest(entries, manifest);
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(problems[0]!, /^pages\/new-page\.tsx:2: NewPage_ThingsQuery is not in persisted-documents\.json/);

    // The manifest as it was before the web sign-in's document was generated.
    const { entries: current } = await manifestOf(scanSources(sources).documents);
    const withoutWidget = Object.fromEntries(
      Object.entries(manifest).filter(([, text]) => !text.includes("SignInPage_WidgetSignInMutation")),
    );
    assert.match(
      compareWithManifest(current, withoutWidget).join("\n"),
      /SignInPage_WidgetSignInMutation is not in persisted-documents\.json/,
    );

    // A document edited (a field more) without regenerating: its hash changes.
    const edited = sources.map((s) =>
      s.name.endsWith("user-shell.tsx")
        ? { ...s, text: s.text.replace("viewer { id name telegramUsername }", "viewer { id name telegramUsername locale }") }
        : s,
    );
    assert.ok(
      edited.some((s) => s.text.includes("telegramUsername locale")),
      "user-shell.tsx still has UserShell_ViewerQuery",
    );
    const { entries: changed } = await manifestOf(scanSources(edited).documents);
    const editedProblems = compareWithManifest(changed, manifest).join("\n");
    assert.match(editedProblems, /UserShell_ViewerQuery is not in persisted-documents\.json/);
    assert.match(editedProblems, /no document of the sources/); // the old text, now stale
  });

  test("raw document text, gql tags and documents that are not graphql() constants are reported", () => {
    const bad: SourceFile = {
      name: "pages/bad-page.tsx",
      text: [
        'import { gql, useMutation, useQuery } from "urql";',
        'import { graphql } from "../gql/index.ts";',
        "const Tagged = gql`query BadPage_TaggedQuery { styles { id } }`;",
        'const Raw = "mutation BadPage_RawMutation { signOut }";',
        "const Inline = `{ viewer { id } }`;",
        "const name = 'x';",
        "const Built = `query BadPage_${name}Query { styles { id } }`;",
        "const Computed = graphql(Raw);",
        "export function BadPage() {",
        "  useQuery({ query: Raw });",
        "  useMutation(Tagged);",
        '  useQuery({ query: "{ styles { id } }" });',
        "  return null;",
        "}",
      ].join("\n"),
    };
    const { problems } = scanSources([bad]);
    const report = problems.join("\n");
    for (const expected of [
      /bad-page\.tsx:1: `gql` from "urql"/,
      /bad-page\.tsx:3: a gql`…` tagged template/,
      /bad-page\.tsx:4: raw GraphQL document text outside graphql\(\): "mutation BadPage_RawMutation/,
      /bad-page\.tsx:5: raw GraphQL document text outside graphql\(\): "\{ viewer \{ id \} \}"/,
      /bad-page\.tsx:7: a GraphQL document built from a template with substitutions/,
      /bad-page\.tsx:8: graphql\(\) takes one literal document/,
      /bad-page\.tsx:10: useQuery\(\) is handed "Raw"/,
      /bad-page\.tsx:11: useMutation\(\) is handed "Tagged"/,
      /bad-page\.tsx:12: raw GraphQL document text outside graphql\(\)/,
    ]) {
      assert.match(report, expected);
    }
    // Ordinary strings are no documents.
    const fine = scanSources([{ name: "lib/fine.ts", text: 'export const a = ["Loading", "query", "{", "Sign in", "/graphql", "{}"];\n' }]);
    assert.deepEqual(fine.problems, []);
  });
});
