// S3-compatible object storage (AWS S3, MinIO, Yandex Object Storage, R2…),
// path-style requests signed with AWS Signature V4.
import { AwsClient } from "aws4fetch";
import type { Storage } from "../domain/storage.ts";
import { assertSafeKey } from "./keys.ts";

export interface S3Options {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  publicUrl?: string;
}

export class S3StorageError extends Error {}

export class S3Storage implements Storage {
  private readonly client: AwsClient;

  constructor(private readonly options: S3Options) {
    this.client = new AwsClient({
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      service: "s3",
      region: options.region,
      retries: 2,
    });
  }

  private objectUrl(key: string) {
    assertSafeKey(key);
    return `${this.options.endpoint.replace(/\/$/, "")}/${this.options.bucket}/${key}`;
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    const response = await this.client.fetch(this.objectUrl(key), {
      method: "PUT",
      body: body as Uint8Array<ArrayBuffer>,
      headers: { "content-type": contentType, "content-length": String(body.byteLength) },
    });
    if (!response.ok) throw new S3StorageError(`S3 PUT ${key} failed: ${response.status} ${await response.text()}`);
  }

  async delete(key: string): Promise<void> {
    const response = await this.client.fetch(this.objectUrl(key), { method: "DELETE" });
    // 404: already gone, which is what delete wants.
    if (!response.ok && response.status !== 404) {
      throw new S3StorageError(`S3 DELETE ${key} failed: ${response.status} ${await response.text()}`);
    }
  }

  publicUrl(key: string): string {
    assertSafeKey(key);
    return this.options.publicUrl ? `${this.options.publicUrl.replace(/\/$/, "")}/${key}` : this.objectUrl(key);
  }
}
