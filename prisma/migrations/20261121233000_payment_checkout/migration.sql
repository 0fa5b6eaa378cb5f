-- Payments get our public order reference (T-Bank OrderId, Stars invoice payload, TON
-- comment: random, so it reveals no counts) and the checkout link a retried
-- createPayment returns again. Existing rows get a reference from the default.
ALTER TABLE "payments" ADD COLUMN "order_id" VARCHAR(36) NOT NULL DEFAULT ('pg_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text));
ALTER TABLE "payments" ADD COLUMN "checkout_url" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "payments_order_id_key" ON "payments"("order_id");
