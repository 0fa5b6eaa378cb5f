// The parse and validation caches stay within their budget whatever documents arrive
// (the fuzz suite measures the memory; this pins the rules).
import { parse, type DocumentNode } from "graphql";
import { describe, expect, it } from "vitest";
import { boundedCache, documentCaches } from "../src/http/document-cache.ts";

describe("document caches", () => {
  it("keep the most recently used texts within the entry size, total size and count", () => {
    const cache = boundedCache<number>({ maxEntryChars: 10, maxTotalChars: 20, maxEntries: 3 });
    cache.set("x".repeat(11), 1); // too long: never kept
    expect(cache.size).toBe(0);
    cache.set("aaaaaaaa", 1);
    cache.set("bbbbbbbb", 2);
    expect(cache.get("aaaaaaaa")).toBe(1); // a is now the most recent
    cache.set("cccccccc", 3); // 24 characters > 20: the least recent (b) goes
    expect(cache.get("bbbbbbbb")).toBeUndefined();
    expect([cache.get("aaaaaaaa"), cache.get("cccccccc")]).toEqual([1, 3]);
    for (const key of ["d", "e", "f"]) cache.set(key, 0); // more than 3 entries: the oldest go
    expect(cache.size).toBe(3);
    expect(cache.get("aaaaaaaa")).toBeUndefined();
  });

  it("drop a document that failed validation, so that its errors are not kept with it", () => {
    const { options, plugin } = documentCaches();
    const text = "{ nope }";
    const document = parse(text);
    options.documentCache.set(text, document);
    const onValidate = plugin.onValidate as unknown as (payload: {
      params: { documentAST: DocumentNode };
    }) => (result: { valid: boolean }) => void;
    onValidate({ params: { documentAST: document } })({ valid: true });
    expect(options.documentCache.get(text)).toBe(document);
    onValidate({ params: { documentAST: document } })({ valid: false });
    expect(options.documentCache.get(text)).toBeUndefined();
  });
});
