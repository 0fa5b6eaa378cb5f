// The storage adapter the configuration asks for (domain/storage.ts is the port).
import type { Config } from "../config.ts";
import type { Storage } from "../domain/storage.ts";
import { LocalStorage } from "./local-storage.ts";
import { S3Storage } from "./s3-storage.ts";
import { paths } from "../paths.ts";
import path from "node:path";

export type { Storage };
export { assertSafeKey } from "./keys.ts";

export function createStorage(config: Config): Storage {
  const storage = config.storage;
  if (storage.driver === "s3") return new S3Storage(storage);
  return new LocalStorage({
    directory: storage.directory ?? path.join(paths.dataDir, "uploads"),
    publicBaseUrl: `${storage.publicBaseUrl.replace(/\/$/, "")}${LocalStorage.PUBLIC_PATH}`,
  });
}
