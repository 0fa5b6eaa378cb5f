// The local provider: makes real PNG portraits-to-be on this machine, so the whole
// pipeline runs offline. Stateless: the provider task id carries everything `check` and
// `fetchResult` need (our task id, the attempt, the submission time and the image seed),
// so a worker restarted mid-job picks its tasks up where they were.
//
// - Latency: a task is ready `latencyMs` after its submission.
// - Failures: an attempt fails when a hash of (task id, attempt) falls under `failureRate`,
//   so a run is reproducible: the same tasks fail on the same attempts every time.
// - Image: 256×256, a gradient and a pattern derived from a hash of the prompt and the
//   first reference photo's URL.
import { createHash } from "node:crypto";
import { encodePng } from "../png.ts";
import type { ImageProvider, ResultImage, SubmitRequest, TaskState } from "./provider.ts";
import { ProviderError } from "./provider.ts";

export interface LocalProviderOptions {
  latencyMs: number;
  /** 0 (never) to 1 (always). */
  failureRate: number;
  /** The clock, for tests. */
  now?: () => number;
}

/**
 * The pipeline also passes which attempt this is (1 for the first submission), so the
 * simulated failures can be decided per attempt. Other providers ignore it.
 */
export type LocalSubmitRequest = SubmitRequest & { attempt?: number };

const ID_PATTERN = /^local:(\d+):(\d+):(\d+):([0-9a-f]{16})$/;
const URL_PATTERN = /^local:\/\/image\/([0-9a-f]{16})\.png$/;
export const LOCAL_IMAGE_SIZE = 256;

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** Whether attempt `attempt` of task `taskId` fails at `failureRate` (the same answer every time). */
export function localAttemptFails(taskId: number, attempt: number, failureRate: number): boolean {
  if (failureRate <= 0) return false;
  if (failureRate >= 1) return true;
  return sha256(`failure:${taskId}:${attempt}`).readUInt32BE(0) / 0x1_0000_0000 < failureRate;
}

/** The image for a seed: deterministic, 256×256 RGB. */
export function renderLocalImage(seedHex: string, size = LOCAL_IMAGE_SIZE): Uint8Array {
  const seed = sha256(`image:${seedHex}`);
  const from = [seed[0]!, seed[1]!, seed[2]!];
  const to = [seed[3]!, seed[4]!, seed[5]!];
  const accent = [seed[6]!, seed[7]!, seed[8]!];
  const rings = 3 + (seed[9]! % 9);
  const stripes = 2 + (seed[10]! % 12);
  const cx = size * (0.3 + (seed[11]! / 255) * 0.4);
  const cy = size * (0.3 + (seed[12]! / 255) * 0.4);
  const pixels = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const t = (x + y) / (2 * (size - 1));
      const distance = Math.hypot(x - cx, y - cy) / size;
      const ring = Math.sin(distance * rings * Math.PI * 2) > 0.6;
      const stripe = Math.floor(((x - y + size) * stripes) / size) % 2 === 0;
      const mix = ring ? 0.55 : stripe ? 0.12 : 0;
      const offset = (y * size + x) * 3;
      for (let c = 0; c < 3; c++) {
        const base = from[c]! * (1 - t) + to[c]! * t;
        pixels[offset + c] = Math.round(base * (1 - mix) + accent[c]! * mix);
      }
    }
  }
  return encodePng(size, size, pixels);
}

export class LocalProvider implements ImageProvider {
  readonly name = "local" as const;
  private readonly now: () => number;

  constructor(private readonly options: LocalProviderOptions) {
    this.now = options.now ?? Date.now;
  }

  async submit(request: LocalSubmitRequest): Promise<{ providerTaskId: string }> {
    if (!request.prompt.trim()) throw new ProviderError("local provider: empty prompt", false);
    const seed = sha256(`${request.prompt}\n${request.referenceImageUrls[0] ?? ""}`)
      .toString("hex")
      .slice(0, 16);
    const attempt = request.attempt ?? 1;
    return { providerTaskId: `local:${request.taskId}:${attempt}:${this.now()}:${seed}` };
  }

  async check(providerTaskId: string): Promise<TaskState> {
    const match = ID_PATTERN.exec(providerTaskId);
    if (!match) return { state: "failed", error: `local provider: unknown task ${providerTaskId}`, retryable: true };
    const [, taskId, attempt, submittedAt, seed] = match;
    if (this.now() < Number(submittedAt) + this.options.latencyMs) return { state: "pending" };
    if (localAttemptFails(Number(taskId), Number(attempt), this.options.failureRate)) {
      return { state: "failed", error: `local provider: simulated failure of attempt ${attempt}`, retryable: true };
    }
    return { state: "succeeded", resultUrls: [`local://image/${seed}.png`] };
  }

  async fetchResult(url: string): Promise<ResultImage> {
    const match = URL_PATTERN.exec(url);
    if (!match) throw new ProviderError(`local provider: not a local result URL: ${url}`, false);
    return { bytes: renderLocalImage(match[1]!), contentType: "image/png" };
  }
}
