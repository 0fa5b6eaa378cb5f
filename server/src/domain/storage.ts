// The port for where uploaded and generated images live, implemented by storage/ (local
// disk or S3) and injected by the composition root. Callers see keys and public URLs only.
export interface Storage {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  delete(key: string): Promise<void>;
  publicUrl(key: string): string;
}
