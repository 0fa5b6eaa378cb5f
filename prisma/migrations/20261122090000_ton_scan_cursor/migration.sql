-- The TON matching job's read position in the merchant wallet's transactions.
-- CreateTable
CREATE TABLE "ton_scan_cursors" (
    "wallet_address" VARCHAR(70) NOT NULL,
    "last_lt" BIGINT NOT NULL,
    "last_hash" CHAR(64),
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "ton_scan_cursors_pkey" PRIMARY KEY ("wallet_address")
);
