// Display formats: money, dates and statuses as people read them.
const CURRENCY_SIGN: Record<string, string> = { RUB: "₽", TON: "TON", XTR: "⭐" };

export function formatMoney(amount: string, currency = "RUB"): string {
  const value = Number(amount);
  const digits = currency === "TON" ? 4 : Number.isInteger(value) ? 0 : 2;
  return `${value.toLocaleString("ru-RU", { minimumFractionDigits: digits, maximumFractionDigits: Math.max(digits, 2) })} ${CURRENCY_SIGN[currency] ?? currency}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function humanize(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase().replaceAll("_", " ");
}
