// The TON/RUB rate TON payments are priced at. A worker cron (`payments:ton-rate`) stores
// one in exchange_rates every few minutes: fetched from a CoinGecko-compatible API
// (`GET {TON_RATE_API_URL}/simple/price?ids=the-open-network&vs_currencies=rub
// &include_last_updated_at=true` → `{ "the-open-network": { "rub": 512.3,
// "last_updated_at": 1763700000 } }`), or, with TON_RUB_RATE set (development only, refused
// in production), that fixed rate. Pricing reads the newest stored rate and refuses one
// older than TON_RATE_MAX_AGE_MINUTES: a stale rate never prices a payment.
import { Prisma } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../db/prisma.ts";
import { PaymentProviderError } from "../../domain/errors.ts";

type Tx = Prisma.TransactionClient;

export const COINGECKO_TON_ID = "the-open-network";

export interface TonRateSettings {
  rateApiUrl: string;
  fixedRubRate?: number;
  rateMaxAgeMinutes: number;
}

export interface StoredRate {
  rate: Prisma.Decimal;
  fetchedAt: Date;
}

/** The newest TON/RUB rate no older than the maximum age, else PaymentProviderError. */
export async function currentTonRate(tx: Tx, settings: Pick<TonRateSettings, "rateMaxAgeMinutes">, now: Date): Promise<StoredRate> {
  const latest = await tx.exchangeRate.findFirst({
    where: { baseCurrency: "TON", quoteCurrency: "RUB" },
    orderBy: [{ fetchedAt: "desc" }, { id: "desc" }],
    select: { rate: true, fetchedAt: true },
  });
  const oldest = now.getTime() - settings.rateMaxAgeMinutes * 60_000;
  if (!latest || latest.fetchedAt.getTime() < oldest) {
    throw new PaymentProviderError("TON", "There is no current TON rate; TON payments are unavailable for now", true);
  }
  return latest;
}

/** Fetches (or takes the fixed) rate and stores it; a rate already stored for its time is kept once. */
export async function refreshTonRate(
  prisma: PrismaClient,
  settings: TonRateSettings,
  now = new Date(),
): Promise<StoredRate & { source: string }> {
  const fetched = settings.fixedRubRate
    ? { rate: new Prisma.Decimal(settings.fixedRubRate), fetchedAt: now, source: "fixed" }
    : { ...(await fetchCoinGeckoRate(settings.rateApiUrl, now)), source: "coingecko" };
  await prisma.exchangeRate.createMany({
    data: [{ baseCurrency: "TON", quoteCurrency: "RUB", rate: fetched.rate, source: fetched.source, fetchedAt: fetched.fetchedAt }],
    skipDuplicates: true,
  });
  return fetched;
}

async function fetchCoinGeckoRate(apiUrl: string, now: Date): Promise<StoredRate> {
  const url = new URL(`${apiUrl.replace(/\/+$/, "")}/simple/price`);
  url.searchParams.set("ids", COINGECKO_TON_ID);
  url.searchParams.set("vs_currencies", "rub");
  url.searchParams.set("include_last_updated_at", "true");
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new PaymentProviderError("TON", `rate API: ${error instanceof Error ? error.message : String(error)}`, true);
  }
  if (!response.ok)
    throw new PaymentProviderError("TON", `rate API answered HTTP ${response.status}`, response.status === 429 || response.status >= 500);
  const body = (await response.json().catch(() => null)) as Record<string, { rub?: unknown; last_updated_at?: unknown }> | null;
  const entry = body?.[COINGECKO_TON_ID];
  const rub = entry?.rub;
  if (typeof rub !== "number" || !(rub > 0)) throw new PaymentProviderError("TON", "rate API answered without a TON/RUB price", true);
  // The price's own time when given (so a cached, old price is seen as old), never the future.
  const updated = typeof entry!.last_updated_at === "number" ? new Date(entry!.last_updated_at * 1000) : now;
  return { rate: new Prisma.Decimal(rub), fetchedAt: updated > now ? now : updated };
}
