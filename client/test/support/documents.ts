// Every operation the client can send, read from its sources (client/src, without the
// generated gql/) as codegen reads them, printed and hashed as codegen prints and hashes
// them for the trusted-documents manifest (client/src/gql/persisted-documents.json).
//
// The sources are parsed with the TypeScript compiler, not searched with patterns:
// - each `graphql(…)` call of the generated `gql/` module is a document (one literal
//   argument, no substitutions);
// - any other string or template in the sources that reads as a GraphQL document is raw
//   text sent past graphql() (a problem), and so is a `gql` tag, `graphql-tag`, or a
//   `graphql` that is not the generated one;
// - the document handed to urql (useQuery/useSubscription `query:`, useMutation,
//   client.query/mutation/subscription, createRequest) must be a `const` bound to a
//   graphql() call in the same file.
// Each operation's text is then what codegen's client preset writes into the manifest:
// the operation with every fragment it spreads (transitively), `__typename` added by the
// same document transform codegen.ts uses, printed and hashed by the preset's own code.
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Kind, parse, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode } from "graphql";
import ts from "typescript";
import { addTypenameSelectionDocumentTransform } from "@graphql-codegen/client-preset";

export const CLIENT_SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src");
export const MANIFEST_PATH = path.join(CLIENT_SRC, "gql/persisted-documents.json");

export interface SourceFile {
  /** Relative to client/src, for messages. */
  name: string;
  text: string;
}

export interface FoundDocument {
  /** `file:line` of the graphql() call. */
  at: string;
  text: string;
}

export interface Scan {
  documents: FoundDocument[];
  problems: string[];
}

/** client/src's .ts and .tsx files, without the generated gql/ (codegen.ts's `documents`). */
export async function clientSources(root = CLIENT_SRC): Promise<SourceFile[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => !path.relative(root, file).split(path.sep).includes("gql"))
    .sort();
  return Promise.all(files.map(async (file) => ({ name: path.relative(root, file), text: await readFile(file, "utf8") })));
}

const GENERATED_MODULE = /(^|\/)gql(\/index(\.ts)?)?$/;
const URQL_MODULES = new Set(["urql", "@urql/core", "@urql/exchange-persisted", "graphql-tag", "@apollo/client"]);
/** urql's entry points and the position of the document among their arguments. */
const DOCUMENT_TAKERS = new Map<string, "first" | "query-property">([
  ["useQuery", "query-property"],
  ["useSubscription", "query-property"],
  ["useMutation", "first"],
  ["query", "first"],
  ["mutation", "first"],
  ["subscription", "first"],
  ["executeQuery", "first"],
  ["executeMutation", "first"],
  ["executeSubscription", "first"],
  ["createRequest", "first"],
]);

/** Whether a string from the sources reads as a GraphQL executable document. */
export function looksLikeDocument(text: string): boolean {
  if (/^\s*(query|mutation|subscription|fragment)\b[^{]*\{/.test(text)) return true;
  try {
    const document = parse(text);
    return document.definitions.length > 0;
  } catch {
    return false;
  }
}

export function scanSources(files: SourceFile[]): Scan {
  const documents: FoundDocument[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(
      file.name,
      file.text,
      ts.ScriptTarget.Latest,
      true,
      file.name.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const at = (node: ts.Node) => `${file.name}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
    const documentArguments = new Set<ts.Node>();
    /** `const X = graphql(…)` of this file. */
    const documentConstants = new Set<string>();
    let graphqlIsGenerated = false;

    // First pass: imports, and the graphql() calls.
    const collect = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const from = node.moduleSpecifier.text;
        const names =
          node.importClause?.namedBindings && ts.isNamedImports(node.importClause.namedBindings)
            ? node.importClause.namedBindings.elements.map((e) => (e.propertyName ?? e.name).text)
            : [];
        if (names.includes("graphql")) {
          if (GENERATED_MODULE.test(from)) graphqlIsGenerated = true;
          else problems.push(`${at(node)}: \`graphql\` imported from "${from}", not from the generated gql/ module`);
        }
        if (URQL_MODULES.has(from) && names.includes("gql"))
          problems.push(`${at(node)}: \`gql\` from "${from}": documents are graphql() documents (codegen hashes only those)`);
        if (from === "graphql-tag" || (from === "graphql" && names.includes("parse")))
          problems.push(`${at(node)}: documents parsed at run time ("${from}") are not in the manifest`);
      }
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === "gql" || node.tag.text === "graphql")) {
        problems.push(`${at(node)}: a ${node.tag.text}\`…\` tagged template: write graphql(\`…\`) from the generated gql/ module`);
        documentArguments.add(node.template);
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "graphql") {
        const [argument, ...rest] = node.arguments;
        if (argument && (ts.isNoSubstitutionTemplateLiteral(argument) || ts.isStringLiteral(argument)) && rest.length === 0) {
          documentArguments.add(argument);
          documents.push({ at: at(node), text: argument.text });
          const declaration = node.parent;
          if (
            ts.isVariableDeclaration(declaration) &&
            ts.isIdentifier(declaration.name) &&
            ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const
          ) {
            documentConstants.add(declaration.name.text);
          }
        } else {
          problems.push(`${at(node)}: graphql() takes one literal document without substitutions (codegen reads the text as written)`);
          if (argument) documentArguments.add(argument);
        }
      }
      ts.forEachChild(node, collect);
    };
    collect(source);
    if (documents.some((d) => d.at.startsWith(`${file.name}:`)) && !graphqlIsGenerated) {
      problems.push(`${file.name}: graphql() is used but not imported from the generated gql/ module`);
    }

    // Second pass: raw document text anywhere else, and what urql is handed.
    const check = (node: ts.Node) => {
      if (!documentArguments.has(node)) {
        if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && looksLikeDocument(node.text)) {
          problems.push(`${at(node)}: raw GraphQL document text outside graphql(): ${JSON.stringify(node.text.trim().slice(0, 60))}`);
        }
        if (ts.isTemplateExpression(node)) {
          const text = [node.head.text, ...node.templateSpans.map((s) => `x${s.literal.text}`)].join("");
          if (looksLikeDocument(text))
            problems.push(
              `${at(node)}: a GraphQL document built from a template with substitutions: ${JSON.stringify(text.trim().slice(0, 60))}`,
            );
        }
      }
      if (ts.isCallExpression(node)) {
        const callee = ts.isIdentifier(node.expression)
          ? node.expression.text
          : ts.isPropertyAccessExpression(node.expression)
            ? node.expression.name.text
            : null;
        const takes = callee ? DOCUMENT_TAKERS.get(callee) : undefined;
        // Any `.query(…)`, `.mutation(…)`, … counts: the client sends nothing of another kind.
        if (takes) {
          let document: ts.Expression | undefined;
          const [first] = node.arguments;
          if (takes === "first") document = first;
          else if (first && ts.isObjectLiteralExpression(first)) {
            const property = first.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === "query");
            document =
              property && ts.isPropertyAssignment(property)
                ? property.initializer
                : property && ts.isShorthandPropertyAssignment(property)
                  ? property.name
                  : undefined;
            if (!property) problems.push(`${at(node)}: ${callee}() without a \`query\` document`);
          } else problems.push(`${at(node)}: ${callee}() takes its options as an object literal with a graphql() \`query\``);
          if (document && !(ts.isIdentifier(document) && documentConstants.has(document.text))) {
            problems.push(
              `${at(node)}: ${callee}() is handed ${JSON.stringify(document.getText(source).slice(0, 60))}, not a const graphql() document of this file`,
            );
          }
        }
      }
      ts.forEachChild(node, check);
    };
    check(source);
  }
  return { documents, problems };
}

interface PersistedDocumentsModule {
  // Plain functions of the module (no `this`): typed as properties so they can be destructured.
  normalizeAndPrintDocumentNode: (document: DocumentNode) => string;
  generateDocumentHash: (text: string, algorithm: "sha256") => string;
}

/** The client preset's own printer and hasher (not in its package exports: loaded by path). */
async function presetPersistedDocuments(): Promise<PersistedDocumentsModule> {
  const require = createRequire(import.meta.url);
  const presetRoot = path.dirname(require.resolve("@graphql-codegen/client-preset/package.json"));
  return (await import(pathToFileURL(path.join(presetRoot, "esm/persisted-documents.js")).href)) as PersistedDocumentsModule;
}

function spreadNames(node: DefinitionNode): string[] {
  const names: string[] = [];
  visit(node, { FragmentSpread: (spread) => void names.push(spread.name.value) });
  return names;
}

/**
 * Hash → text of every operation in `documents`, as codegen writes it into the manifest;
 * problems for documents that do not parse, unknown and duplicate fragments.
 */
export async function manifestOf(
  documents: FoundDocument[],
): Promise<{ entries: Map<string, { text: string; name: string; at: string }>; problems: string[] }> {
  const { normalizeAndPrintDocumentNode, generateDocumentHash } = await presetPersistedDocuments();
  const problems: string[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: Array<{ node: DefinitionNode; at: string }> = [];
  for (const document of documents) {
    let parsed: DocumentNode;
    try {
      parsed = parse(document.text);
    } catch (error) {
      problems.push(`${document.at}: the document does not parse: ${(error as Error).message}`);
      continue;
    }
    for (const definition of parsed.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        if (fragments.has(definition.name.value)) problems.push(`${document.at}: fragment ${definition.name.value} is defined twice`);
        fragments.set(definition.name.value, definition);
      } else if (definition.kind === Kind.OPERATION_DEFINITION) {
        if (!definition.name) problems.push(`${document.at}: an anonymous operation (codegen needs Component_PurposeQuery names)`);
        operations.push({ node: definition, at: document.at });
      }
    }
  }

  const entries = new Map<string, { text: string; name: string; at: string }>();
  for (const { node, at } of operations) {
    const used = new Map<string, FragmentDefinitionNode>();
    const pending = spreadNames(node);
    while (pending.length) {
      const name = pending.pop()!;
      if (used.has(name)) continue;
      const fragment = fragments.get(name);
      if (!fragment) {
        problems.push(`${at}: fragment ${name} is spread but defined in no graphql() document`);
        continue;
      }
      used.set(name, fragment);
      pending.push(...spreadNames(fragment));
    }
    const [transformed] = addTypenameSelectionDocumentTransform.transform({
      documents: [{ document: { kind: Kind.DOCUMENT, definitions: [node, ...used.values()] } }],
    } as never) as Array<{ document: DocumentNode }>;
    const text = normalizeAndPrintDocumentNode(transformed!.document);
    const name = node.kind === Kind.OPERATION_DEFINITION ? (node.name?.value ?? "(anonymous)") : "?";
    entries.set(generateDocumentHash(text, "sha256"), { text, name, at });
  }
  return { entries, problems };
}

/** Differences between the operations of the sources and the committed manifest. */
export function compareWithManifest(
  expected: Map<string, { text: string; name: string; at: string }>,
  manifest: Record<string, string>,
): string[] {
  const problems: string[] = [];
  for (const [hash, { text, name, at }] of expected) {
    if (manifest[hash] === undefined)
      problems.push(
        `${at}: ${name} is not in persisted-documents.json (run \`pnpm generate\`): an API enforcing trusted documents refuses it`,
      );
    else if (manifest[hash] !== text) problems.push(`${at}: ${name}'s manifest text differs from its document`);
  }
  for (const [hash, text] of Object.entries(manifest)) {
    if (!expected.has(hash))
      problems.push(`persisted-documents.json: ${hash} (${text.slice(0, 60)}…) is no document of the sources (run \`pnpm generate\`)`);
  }
  return problems;
}
