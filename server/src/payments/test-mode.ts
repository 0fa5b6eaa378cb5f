// The test-mode provider: no money moves. The payment is completed by the
// completeTestPayment mutation (the client's "pay" button in development), so the whole
// purchase → generation flow runs offline. Offered only outside production (config).
import type { PaymentGateway } from "../domain/payment-gateway.ts";

export const testModeGateway: PaymentGateway = {
  provider: "TEST",
  price: async () => ({ isTestMode: true }),
  open: async () => ({}),
  checkoutOf: (payment) => ({ kind: "TEST", paymentId: payment.id }),
  refund: async () => "REFUNDED",
};
