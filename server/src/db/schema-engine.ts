// Prisma's own schema engine, run as WebAssembly.
//
// The native schema-engine binary is downloaded from Prisma's binary host, which
// these machines cannot reach (see README "Migrations offline"). The `prisma`
// package ships the same engine compiled to wasm; we drive it with the
// wasm-bindgen glue of @prisma/schema-engine-wasm over a pg driver adapter.
// Migrations it writes and the `_prisma_migrations` rows it records are the ones
// `prisma migrate` uses, so the native CLI works on them where it exists.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { connectionOptions, withDatabase, type ConnectionOptions } from "./connection.ts";

export type { SchemaEngine };

const require = createRequire(import.meta.url);
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * adapter-pg cannot deserialize PostgreSQL's internal `"char"` type (oid 18),
 * which the schema describer reads from the catalogs (e.g. constraint kinds).
 * Let pg return it as text, remember which columns they were (keyed by the
 * result's rows array, which the adapter passes through), and report them to
 * the engine as `Character`, the type the describer expects.
 */
const charColumnsOfRows = new WeakMap<unknown[], number[]>();

class CatalogFriendlyPool extends pg.Pool {
  override query(...args: any[]): any {
    const result = (super.query as any)(...args);
    if (!(result instanceof Promise)) return result;
    return result.then((res: pg.QueryResult) => {
      const charColumns: number[] = [];
      (res.fields ?? []).forEach((field, index) => {
        if (field.dataTypeID === PG_CHAR_OID) {
          field.dataTypeID = PG_TEXT_OID;
          charColumns.push(index);
        }
      });
      if (charColumns.length > 0) charColumnsOfRows.set(res.rows, charColumns);
      return res;
    });
  }
}

async function connectAdapter(options: ConnectionOptions, onRelease?: () => Promise<void>) {
  // One connection: the engine's advisory lock is per session.
  const pool = new CatalogFriendlyPool({ ...options, max: 1 });
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumnsOfRows.get(result.rows) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  // adapter-pg splits scripts on every `;` (breaking `$$` bodies) and runs the
  // pieces separately; PostgreSQL runs a multi-statement simple query atomically.
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      (adapter as unknown as { onError(e: unknown): never }).onError(error);
    }
  };
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await onRelease?.();
  };
  return adapter;
}

/** The shadow database is ours to create and drop (adapter-pg's is unsafe). */
class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@prisma/adapter-pg";
  /** Adapters the engine opened; it never closes them itself (free() leaves them). */
  private readonly open = new Set<SqlDriverAdapter>();
  constructor(private readonly options: ConnectionOptions) {}

  private track(adapter: SqlDriverAdapter) {
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (this.open.delete(adapter)) await dispose();
    };
    this.open.add(adapter);
    return adapter;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(await connectAdapter(this.options));
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `pinglass_shadow_${randomUUID().replaceAll("-", "")}`;
    await adminQuery(this.options, `CREATE DATABASE "${name}"`);
    return this.track(
      await connectAdapter(withDatabase(this.options, name), () =>
        adminQuery(this.options, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      ),
    );
  }

  /** Closing the connection also releases the engine's session advisory lock. */
  async closeAll() {
    await Promise.all([...this.open].map((adapter) => adapter.dispose()));
  }
}

async function adminQuery(options: ConnectionOptions, sql: string) {
  const client = new pg.Client(options);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let wasmModule: Promise<typeof import("@prisma/schema-engine-wasm/schema_engine_bg")> | undefined;

/** Node 20 cannot `import` .wasm: instantiate the prisma package's engine from bytes. */
function loadWasmEngine() {
  wasmModule ??= (async () => {
    const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    // `prisma` exports no path to the wasm; it sits in build/ of the package.
    const prismaDir = path.dirname(require.resolve("prisma/package.json"));
    const wasmPath = path.join(prismaDir, "build/schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    (glue as unknown as { __wbg_set_wasm(w: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    // Without it a Rust panic surfaces only as an opaque TypeError.
    (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        throw new Error(`Prisma schema engine panicked: ${message}`);
      },
    };
    return glue;
  })();
  return wasmModule;
}

export interface OpenSchemaEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes its connections (releasing its advisory lock). */
  close(): Promise<void>;
}

export async function openSchemaEngine(databaseUrl: string, datamodels: Array<[path: string, content: string]>): Promise<OpenSchemaEngine> {
  const glue = await loadWasmEngine();
  const factory = new MigrationAdapterFactory(connectionOptions(databaseUrl));
  const log = (line: string) => {
    if (process.env.PRISMA_ENGINE_LOG) process.stderr.write(`${line}\n`);
  };
  const engine = await glue.SchemaEngine.new({ datamodels }, log, bindMigrationAwareSqlAdapterFactory(factory));
  return {
    engine,
    async close() {
      engine.free();
      await factory.closeAll();
    },
  };
}
