// The payment providers this deployment offers, from configuration: a provider whose
// settings are absent is not offered (createPayment answers that it is unavailable).
import type { Config } from "../config.ts";
import type { PaymentGateway, PaymentGateways } from "../domain/payment-gateway.ts";
import { testModeGateway } from "./test-mode.ts";
import { TbankClient } from "./tbank/client.ts";
import { createTbankGateway } from "./tbank/gateway.ts";
import { BotApi } from "../telegram/bot-api.ts";
import { createStarsGateway } from "../telegram/stars.ts";
import { TonGateway } from "./ton/gateway.ts";

export function createPaymentGateways(config: Pick<Config, "payments" | "telegram">): PaymentGateways {
  const gateways: PaymentGateway[] = [];
  if (config.payments.testMode) gateways.push(testModeGateway);
  const { tbank, publicApiUrl, publicWebUrl } = config.payments;
  if (tbank) gateways.push(createTbankGateway({ client: new TbankClient(tbank), publicApiUrl, publicWebUrl }));
  const { stars } = config.payments;
  const { botToken, apiUrl } = config.telegram;
  if (stars && botToken) gateways.push(createStarsGateway({ bot: new BotApi({ apiUrl, token: botToken }), rubPerStar: stars.rubPerStar }));
  if (config.payments.ton) gateways.push(new TonGateway(config.payments.ton));
  return new Map(gateways.map((gateway) => [gateway.provider, gateway]));
}
