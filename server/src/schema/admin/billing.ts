// Admin billing: payments and refunds, exchange rates, provider webhook events and orphan
// TON transfers, promo codes and their usages. Staff read; only ADMIN changes.
import "./billing/payments.ts";
import "./billing/provider-events.ts";
import "./billing/promo-codes.ts";
