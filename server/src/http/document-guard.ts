// Guards the GraphQL parser. graphql-js parses recursively, one set of stack frames per
// level of `{`, `(` or `[`: a document nested a few thousand levels deep overflows the
// stack (a RangeError, so a 500, or a closed socket) long before any token limit is
// reached. A loop over the text measures the nesting first, without recursion, and
// refuses a document past the limit with a GraphQL error; only then does the parser
// run, itself limited in tokens. Every transport parses through this (HTTP, SSE,
// multipart and graphql-ws all go through Yoga's envelop).
import type { Source } from "graphql";
import { GraphQLError, parse, type ParseOptions } from "graphql";
import type { Plugin } from "graphql-yoga";

export interface DocumentGuardLimits {
  /** Deepest nesting of `{`, `(` and `[` together (selection sets, arguments, list and object values). */
  maxNesting: number;
  /** Most lexical tokens in one document. */
  maxTokens: number;
}

const OPENERS = new Set(["{", "(", "["]);
const CLOSERS = new Set(["}", ")", "]"]);

/**
 * Whether `text` nests deeper than `limit`, outside strings and comments. Stops at the
 * first level past the limit, so a megabyte of `{` costs a few characters.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let i = 0;
  const end = text.length;
  while (i < end) {
    const char = text[i]!;
    if (OPENERS.has(char)) {
      if (++depth > limit) return true;
      i++;
    } else if (CLOSERS.has(char)) {
      if (depth > 0) depth--;
      i++;
    } else if (char === "#") {
      while (i < end && text[i] !== "\n" && text[i] !== "\r") i++;
    } else if (char === '"') {
      i = text.startsWith('"""', i) ? afterBlockString(text, i + 3) : afterString(text, i + 1);
    } else {
      i++;
    }
  }
  return false;
}

/** Index after a `"…"` string's closing quote (or its line's end, where the parser will object). */
function afterString(text: string, i: number): number {
  while (i < text.length) {
    const char = text[i]!;
    if (char === "\\") i += 2;
    else if (char === '"') return i + 1;
    else if (char === "\n" || char === "\r") return i;
    else i++;
  }
  return i;
}

/** Index after a `"""…"""` block string (`\"""` inside it is an escaped delimiter). */
function afterBlockString(text: string, i: number): number {
  while (i < text.length) {
    if (text.startsWith('\\"""', i)) i += 4;
    else if (text.startsWith('"""', i)) return i + 3;
    else i++;
  }
  return i;
}

export function documentTooDeep(maxNesting: number): GraphQLError {
  return new GraphQLError(`Document nesting exceeds the limit of ${maxNesting} levels`, {
    extensions: { code: "DOCUMENT_TOO_DEEP", limit: maxNesting, http: { status: 400 } },
  });
}

function documentTooLong(maxTokens: number): GraphQLError {
  return new GraphQLError(`Document exceeds the limit of ${maxTokens} tokens`, {
    extensions: { code: "DOCUMENT_TOO_LONG", limit: maxTokens, http: { status: 400 } },
  });
}

/** graphql-js's own message when `maxTokens` stops it. */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more th(?:an|at) \d+ tokens/; // graphql 16 writes "that"

export function guardedParse({ maxNesting, maxTokens }: DocumentGuardLimits) {
  return (source: string | Source, options?: ParseOptions) => {
    const text = typeof source === "string" ? source : source.body;
    if (nestsDeeperThan(text, maxNesting)) throw documentTooDeep(maxNesting);
    try {
      return parse(source, { ...options, maxTokens });
    } catch (error) {
      if (error instanceof GraphQLError && TOKEN_LIMIT_MESSAGE.test(error.message)) throw documentTooLong(maxTokens);
      throw error;
    }
  };
}

export function useDocumentGuard(limits: DocumentGuardLimits): Plugin {
  const parseGuarded = guardedParse(limits);
  return {
    onParse({ setParseFn }) {
      setParseFn(parseGuarded);
    },
  };
}
