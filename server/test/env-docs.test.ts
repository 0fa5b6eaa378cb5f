// docs/configuration.md tells the truth about the environment: every variable of the
// config schema (server/src/config.ts) is in its tables, every variable in those tables is
// in the schema, and every variable the page says is "read elsewhere" is read there — and
// no other code reads one the page does not list. No database.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { paths } from "../src/paths.ts";

const VARIABLE = /`([A-Z][A-Z0-9_]*[A-Z0-9])`/g;

/** The schema's keys: `NAME: z…` or `NAME: flag…` at the start of a line. */
function schemaKeys(source: string): Set<string> {
  return new Set([...source.matchAll(/^\s*([A-Z][A-Z0-9_]*)\s*:\s*(?:z|flag)\b/gm)].map((m) => m[1]!));
}

/** Variables in the first column of the tables of the page, by `## ` section. */
function documented(markdown: string): Map<string, Array<{ name: string; row: string }>> {
  const sections = new Map<string, Array<{ name: string; row: string }>>();
  let section = "";
  for (const line of markdown.split("\n")) {
    if (line.startsWith("## ")) section = line.slice(3).trim();
    if (!line.startsWith("|") || /^\|\s*-/.test(line)) continue;
    const firstCell = line.split("|")[1] ?? "";
    for (const match of firstCell.matchAll(VARIABLE)) {
      const rows = sections.get(section) ?? [];
      rows.push({ name: match[1]!, row: line });
      sections.set(section, rows);
    }
  }
  return sections;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (["node_modules", "generated", "gql", "dist", ".data", "test-artifacts"].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(full)));
    else if (/\.(ts|tsx|mjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** Environment variables read outside config.ts: process.env.X, process.env["X"], import.meta.env.VITE_X, and named constants. */
async function readOutsideConfig(): Promise<Map<string, string[]>> {
  const files = [
    ...(await sourceFiles(path.join(paths.root, "server/src"))),
    ...(await sourceFiles(path.join(paths.root, "server/test"))),
    ...(await sourceFiles(path.join(paths.root, "bench"))),
    ...(await sourceFiles(path.join(paths.root, "client"))),
    ...(await sourceFiles(path.join(paths.root, "prisma"))),
    path.join(paths.root, "prisma.config.ts"),
    path.join(paths.root, "codegen.ts"),
  ];
  const reads = new Map<string, string[]>();
  for (const file of files) {
    const relative = path.relative(paths.root, file);
    if (relative === "server/src/config.ts" || relative === "server/test/env-docs.test.ts") continue;
    const text = await readFile(file, "utf8");
    const names = [
      ...[...text.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!),
      ...[...text.matchAll(/process\.env\[\s*"([A-Z][A-Z0-9_]*)"\s*\]/g)].map((m) => m[1]!),
      ...[...text.matchAll(/import\.meta\.env\.(VITE_[A-Z0-9_]*)/g)].map((m) => m[1]!),
      // `const X_VARIABLE = "NAME"` read as process.env[X_VARIABLE]
      ...(/process\.env\[[A-Z_]+\]/.test(text) ? [...text.matchAll(/const [A-Z_]+ = "([A-Z][A-Z0-9_]*)"/g)].map((m) => m[1]!) : []),
    ];
    for (const name of names) reads.set(name, [...(reads.get(name) ?? []), relative]);
  }
  return reads;
}

describe("docs/configuration.md", async () => {
  const config = await readFile(path.join(paths.root, "server/src/config.ts"), "utf8");
  const page = await readFile(path.join(paths.root, "docs/configuration.md"), "utf8");
  const keys = schemaKeys(config);
  const sections = documented(page);
  const elsewhere = sections.get("Read elsewhere") ?? [];
  const inConfigTables = new Set(
    [...sections].filter(([title]) => title !== "Read elsewhere").flatMap(([, rows]) => rows.map((r) => r.name)),
  );

  it("finds the schema's keys (the parser still matches config.ts)", () => {
    expect(keys.size).toBeGreaterThan(50);
    for (const known of ["DATABASE_URL", "TELEGRAM_BOT_TOKEN", "EVENT_CHANNEL_PREFIX", "TELEGRAM_WEBHOOK_SECRET", "KIE_API_KEY"]) {
      expect(keys, known).toContain(known);
    }
    // Every `env.NAME` config.ts uses is one of the keys, so none is read around the schema.
    const used = new Set([...config.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!));
    expect([...used].filter((name) => !keys.has(name))).toEqual([]);
  });

  it("documents every variable of config.ts", () => {
    expect([...keys].filter((name) => !inConfigTables.has(name)).sort()).toEqual([]);
  });

  it("documents no variable config.ts does not read, outside 'Read elsewhere'", () => {
    expect([...inConfigTables].filter((name) => !keys.has(name)).sort()).toEqual([]);
  });

  it("lists each variable once", () => {
    const all = [...sections.values()].flatMap((rows) => rows.map((r) => r.name));
    expect(all.filter((name, i) => all.indexOf(name) !== i)).toEqual([]);
  });

  it("says truly where each 'Read elsewhere' variable is read", async () => {
    expect(elsewhere.length).toBeGreaterThan(0);
    const reads = await readOutsideConfig();
    for (const { name, row } of elsewhere) {
      expect(keys.has(name), `${name} is in config.ts: list it in the tables above`).toBe(false);
      const where = [...row.matchAll(/`([\w./-]+\.(?:ts|tsx|mjs))`/g)].map((m) => m[1]!);
      expect(where.length, `${name}: name the file that reads it`).toBeGreaterThan(0);
      for (const file of where) expect(reads.get(name) ?? [], `${name} in ${file}`).toContain(file);
    }
  });

  it("lists every variable other code reads", async () => {
    const reads = await readOutsideConfig();
    const listed = new Set([...keys, ...elsewhere.map((r) => r.name)]);
    const unlisted = [...reads].filter(([name]) => !listed.has(name)).map(([name, files]) => `${name} (${[...new Set(files)].join(", ")})`);
    expect(unlisted).toEqual([]);
  });
});
