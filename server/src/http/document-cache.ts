// Yoga caches each parsed document, and each parse error, under the document's text
// (1,024 of each, whatever their size), and each validation result under the parsed
// document. Texts can be megabytes, and a validation error keeps its captured stack
// (some 17 KB): documents full of invalid fields held gigabytes in those caches (found by
// the fuzz suite). These caches keep documents up to 8 KB (the client's largest is under
// 1 KB), within a total of text and a number of entries; a document that fails validation
// is dropped, so its errors go with it. Everything else is parsed (or refused) each time.
import type { DocumentNode } from "graphql";
import type { Plugin } from "graphql-yoga";

export interface DocumentCacheLimits {
  /** Longest text kept, in characters. */
  maxEntryChars: number;
  /** All kept texts together, in characters. */
  maxTotalChars: number;
  maxEntries: number;
}

export const DOCUMENT_CACHE_LIMITS: DocumentCacheLimits = { maxEntryChars: 8_192, maxTotalChars: 256 * 1024, maxEntries: 1_024 };

export function boundedCache<T>({ maxEntryChars, maxTotalChars, maxEntries }: DocumentCacheLimits = DOCUMENT_CACHE_LIMITS) {
  // A Map iterates in insertion order: re-inserting on use makes its first key the least recent.
  const entries = new Map<string, T>();
  let totalChars = 0;
  const remove = (key: string) => {
    if (entries.delete(key)) totalChars -= key.length;
  };
  return {
    get(key: string): T | undefined {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key: string, value: T): void {
      if (key.length > maxEntryChars) return;
      remove(key);
      entries.set(key, value);
      totalChars += key.length;
      for (const oldest of entries.keys()) {
        if (totalChars <= maxTotalChars && entries.size <= maxEntries) break;
        remove(oldest);
      }
    },
    delete: remove,
    get size() {
      return entries.size;
    },
  };
}

/** Yoga's `parserAndValidationCache` option, and the plugin that drops invalid documents from it. */
export function documentCaches(limits: DocumentCacheLimits = DOCUMENT_CACHE_LIMITS) {
  const documentCache = boundedCache<DocumentNode>(limits);
  const plugin: Plugin = {
    onValidate({ params }) {
      return ({ valid }) => {
        const text = params.documentAST.loc?.source.body;
        if (!valid && text !== undefined) documentCache.delete(text);
      };
    },
  };
  return { options: { documentCache, errorCache: boundedCache<unknown>(limits) }, plugin };
}
