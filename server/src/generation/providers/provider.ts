// The image-generation provider seen by the pipeline. Two implementations, chosen by
// configuration: `kie` (Kie.ai over HTTP) and `local` (real PNGs made on this machine,
// so the whole pipeline runs offline).

export interface SubmitRequest {
  /** Our task id: providers echo it back, e.g. in callbacks. */
  taskId: number;
  prompt: string;
  /** Public URLs of the avatar's reference photos. */
  referenceImageUrls: string[];
  /** Where the provider should POST when the task finishes (when it supports callbacks). */
  callbackUrl?: string;
  /** Which submission of this task this is (1, 2, …). */
  attempt?: number;
}

export type TaskState =
  { state: "pending" } | { state: "succeeded"; resultUrls: string[] } | { state: "failed"; error: string; retryable: boolean };

export interface ResultImage {
  bytes: Uint8Array;
  contentType: string;
}

/**
 * A provider failure the pipeline should retry later (rate limits, 5xx, timeouts),
 * as opposed to one that fails the task for good (bad request, no credits).
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** When the provider said when to come back (e.g. 429 Retry-After), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface ImageProvider {
  readonly name: "kie" | "local";
  submit(request: SubmitRequest): Promise<{ providerTaskId: string }>;
  check(providerTaskId: string): Promise<TaskState>;
  /** Downloads a result: provider URLs expire, so results are copied into our storage. */
  fetchResult(url: string): Promise<ResultImage>;
}
