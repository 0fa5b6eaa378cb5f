// Trusted documents: the client's operations, hashed by codegen into
// client/src/gql/persisted-documents.json ("sha256:<hex>" → text). Clients send a hash
// (`extensions.persistedQuery.sha256Hash`) instead of the text. With
// PERSISTED_DOCUMENTS=enforce (the production default) users and anonymous callers may
// run only those documents, over HTTP and over graphql-ws alike; admin sessions (the
// explorer) and partner API keys (their own integrations) may still send any document.
import { readFileSync } from "node:fs";
import { GraphQLError, parse, type DocumentNode } from "graphql";
import type { Plugin } from "graphql-yoga";
import { usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import { printExecutableGraphQLDocument } from "@graphql-tools/documents";
import { tokenKind } from "../auth/tokens.ts";
import { paths } from "../paths.ts";

export const DEFAULT_MANIFEST = `${paths.root}/client/src/gql/persisted-documents.json`;

export type PersistedDocumentsMode = "allow" | "enforce";

/** Reads the manifest; a missing one is an error only when documents are enforced. */
export function loadPersistedDocuments(manifestPath: string, mode: PersistedDocumentsMode): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(manifestPath, "utf8");
  } catch (error) {
    if (mode === "enforce")
      throw new Error(`PERSISTED_DOCUMENTS=enforce, but the manifest ${manifestPath} cannot be read: ${String(error)}`);
    return new Map();
  }
  const manifest = JSON.parse(text) as Record<string, unknown>;
  return new Map(Object.entries(manifest).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** The bearer token of an HTTP request or of a graphql-ws connection_init payload. */
function bearerOf(headers: Headers | undefined, connectionParams: Record<string, unknown> | undefined): string | null {
  if (typeof connectionParams?.token === "string") return connectionParams.token;
  const value = connectionParams?.authorization ?? connectionParams?.Authorization ?? headers?.get("authorization");
  return typeof value === "string" ? (/^Bearer\s+(\S+)$/i.exec(value.trim())?.[1] ?? null) : null;
}

/**
 * Staff and partner integrations bring their own documents. A forged token gets no
 * further than building the context, which refuses it before anything executes.
 */
function mayRunAnyDocument(token: string | null): boolean {
  const kind = token ? tokenKind(token) : null;
  return kind === "adminSession" || kind === "apiKey";
}

const notTrusted = () =>
  new GraphQLError("Only the app's own (persisted) documents are accepted here", {
    extensions: { code: "PERSISTED_DOCUMENT_REQUIRED", http: { status: 400 } },
  });

export function usePersistedDocuments({
  mode,
  documents,
}: {
  mode: PersistedDocumentsMode;
  documents: Map<string, string>;
}): Plugin<Record<string, unknown>>[] {
  const parsed = new Map<string, DocumentNode>();
  for (const [hash, text] of documents) parsed.set(hash, parse(text));
  // Documents known to be in the manifest; texts compared as codegen printed them.
  const trusted = new WeakSet<DocumentNode>(parsed.values());
  const trustedTexts = new Set(documents.values());
  const isTrusted = (document: DocumentNode) => {
    if (trusted.has(document)) return true;
    if (!trustedTexts.has(printExecutableGraphQLDocument(document))) return false;
    trusted.add(document); // parse results are cached: print each document once
    return true;
  };

  const hashes = usePersistedOperations<Record<string, unknown>>({
    getPersistedOperation: (hash) => parsed.get(hash) ?? null,
    allowArbitraryOperations: (request) => mode === "allow" || mayRunAnyDocument(bearerOf(request.headers, undefined)),
    customErrors: {
      notFound: {
        message: "Unknown persisted document: update the app",
        extensions: { code: "PERSISTED_QUERY_NOT_FOUND", http: { status: 400 } },
      },
      persistedQueryOnly: () => notTrusted(),
      // A body with neither a query nor a hash is a bad request, as it is without this plugin.
      keyNotFound: {
        message: "Send a `query`, or a persisted document's hash in `extensions.persistedQuery`",
        extensions: { code: "BAD_REQUEST", http: { status: 400 } },
      },
    },
  });
  if (mode === "allow") return [hashes];

  // graphql-ws hands the text of each operation to the same envelop (no onParams there):
  // check what was parsed, for every transport.
  const parsedOnlyIfTrusted: Plugin<Record<string, unknown>> = {
    onParse({ context }) {
      const initial = context as { request?: Request; connectionParams?: Record<string, unknown> };
      if (mayRunAnyDocument(bearerOf(initial.request?.headers, initial.connectionParams))) return;
      return ({ result }) => {
        if (result && typeof result === "object" && "kind" in result && result.kind === "Document" && !isTrusted(result as DocumentNode)) {
          throw notTrusted();
        }
      };
    },
  };
  return [hashes, parsedOnlyIfTrusted];
}

const pluginsBySetting = new Map<string, Plugin<Record<string, unknown>>[]>();

/** The plugins for the configured setting, built once per manifest and mode. */
export function persistedDocumentsPlugins(setting: {
  mode: PersistedDocumentsMode;
  manifestPath?: string;
}): Plugin<Record<string, unknown>>[] {
  const manifestPath = setting.manifestPath ?? DEFAULT_MANIFEST;
  const key = `${setting.mode}:${manifestPath}`;
  let plugins = pluginsBySetting.get(key);
  if (!plugins) {
    plugins = usePersistedDocuments({ mode: setting.mode, documents: loadPersistedDocuments(manifestPath, setting.mode) });
    pluginsBySetting.set(key, plugins);
  }
  return plugins;
}
