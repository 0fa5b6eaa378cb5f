// Files in a local folder, served back by the API under /files/ (development default).
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Storage } from "../domain/storage.ts";
import { assertSafeKey } from "./keys.ts";

const CONTENT_TYPES: Record<string, string> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".heic": "image/heic",
};

export class LocalStorage implements Storage {
  static readonly PUBLIC_PATH = "/files/";

  constructor(private readonly options: { directory: string; publicBaseUrl: string }) {}

  private file(key: string) {
    assertSafeKey(key);
    return path.join(this.options.directory, key);
  }

  async put(key: string, body: Uint8Array): Promise<void> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  publicUrl(key: string): string {
    assertSafeKey(key);
    return `${this.options.publicBaseUrl}${key}`;
  }

  /** For the /files/ route: the bytes and type of a stored file, or null. */
  async read(key: string): Promise<{ body: Buffer; contentType: string } | null> {
    try {
      const body = await readFile(this.file(key));
      return { body, contentType: CONTENT_TYPES[path.extname(key).toLowerCase()] ?? "application/octet-stream" };
    } catch {
      return null;
    }
  }
}
