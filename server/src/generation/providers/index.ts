// The provider chosen by configuration (GENERATION_PROVIDER): Kie.ai over HTTP, or the
// local one that makes images on this machine.
import type { Config } from "../../config.ts";
import { createKieProvider } from "./kie.ts";
import { LocalProvider } from "./local.ts";
import type { ImageProvider } from "./provider.ts";

export function createProvider(config: Pick<Config, "generation" | "kie">): ImageProvider {
  if (config.generation.provider === "kie") return createKieProvider(config);
  return new LocalProvider({ latencyMs: config.generation.localLatencyMs, failureRate: config.generation.localFailureRate });
}
