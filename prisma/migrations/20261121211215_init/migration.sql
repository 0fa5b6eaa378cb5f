-- CreateEnum
CREATE TYPE "admin_role" AS ENUM ('ADMIN', 'OPERATOR', 'VIEWER');

-- CreateEnum
CREATE TYPE "log_level" AS ENUM ('DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL');

-- CreateEnum
CREATE TYPE "alert_severity" AS ENUM ('INFO', 'WARNING', 'CRITICAL');

-- CreateEnum
CREATE TYPE "payment_provider" AS ENUM ('TBANK', 'STARS', 'TON', 'TEST');

-- CreateEnum
CREATE TYPE "payment_status" AS ENUM ('PENDING', 'SUCCEEDED', 'CANCELED', 'REFUNDING', 'REFUNDED', 'FAILED');

-- CreateEnum
CREATE TYPE "refund_status" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "currency" AS ENUM ('RUB', 'TON', 'XTR');

-- CreateEnum
CREATE TYPE "webhook_provider" AS ENUM ('TBANK', 'TELEGRAM', 'TON', 'KIE');

-- CreateEnum
CREATE TYPE "webhook_event_status" AS ENUM ('RECEIVED', 'PROCESSED', 'FAILED', 'IGNORED');

-- CreateEnum
CREATE TYPE "orphan_payment_status" AS ENUM ('UNMATCHED', 'MATCHED', 'REFUNDED', 'IGNORED');

-- CreateEnum
CREATE TYPE "discount_type" AS ENUM ('PERCENT', 'FIXED');

-- CreateEnum
CREATE TYPE "generation_job_status" AS ENUM ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "generation_task_status" AS ENUM ('PENDING', 'SUBMITTED', 'PROCESSING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "auth_provider" AS ENUM ('TELEGRAM', 'GOOGLE', 'EMAIL', 'GITHUB');

-- CreateEnum
CREATE TYPE "avatar_status" AS ENUM ('DRAFT', 'PROCESSING', 'READY');

-- CreateEnum
CREATE TYPE "earning_status" AS ENUM ('PENDING', 'CREDITED', 'REVERSED');

-- CreateEnum
CREATE TYPE "balance_transaction_kind" AS ENUM ('COMMISSION', 'COMMISSION_REVERSAL', 'WITHDRAWAL_RESERVE', 'WITHDRAWAL_RELEASE', 'ADJUSTMENT');

-- CreateEnum
CREATE TYPE "withdrawal_method" AS ENUM ('CARD', 'SBP', 'TON');

-- CreateEnum
CREATE TYPE "withdrawal_status" AS ENUM ('PENDING', 'APPROVED', 'PROCESSING', 'PAID', 'REJECTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "partner_application_status" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "audience_size" AS ENUM ('SMALL', 'MEDIUM', 'LARGE');

-- CreateEnum
CREATE TYPE "ticket_category" AS ENUM ('GENERAL', 'PAYMENT', 'TECHNICAL', 'ACCOUNT');

-- CreateEnum
CREATE TYPE "ticket_priority" AS ENUM ('P1', 'P2', 'P3', 'P4');

-- CreateEnum
CREATE TYPE "ticket_status" AS ENUM ('OPEN', 'IN_PROGRESS', 'WAITING_USER', 'ESCALATED', 'RESOLVED', 'CLOSED');

-- CreateEnum
CREATE TYPE "ticket_source" AS ENUM ('TELEGRAM', 'WEB');

-- CreateEnum
CREATE TYPE "message_sender" AS ENUM ('USER', 'OPERATOR', 'SYSTEM');

-- CreateEnum
CREATE TYPE "telegram_message_status" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "broadcast_status" AS ENUM ('DRAFT', 'SCHEDULED', 'SENDING', 'COMPLETED', 'CANCELLED', 'FAILED');

-- CreateTable
CREATE TABLE "admin_users" (
    "id" SERIAL NOT NULL,
    "username" VARCHAR(100) NOT NULL,
    "email" VARCHAR(255),
    "display_name" VARCHAR(255),
    "password_hash" VARCHAR(255) NOT NULL,
    "role" "admin_role" NOT NULL DEFAULT 'VIEWER',
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "last_login_at" TIMESTAMPTZ(6),
    "failed_login_count" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "admin_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_sessions" (
    "id" SERIAL NOT NULL,
    "admin_id" INTEGER NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "revoked_at" TIMESTAMPTZ(6),
    "last_seen_at" TIMESTAMPTZ(6),
    "ip" VARCHAR(45),
    "user_agent" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admin_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" SERIAL NOT NULL,
    "admin_id" INTEGER,
    "action" VARCHAR(100) NOT NULL,
    "target_type" VARCHAR(50) NOT NULL,
    "target_id" INTEGER,
    "before" JSONB,
    "after" JSONB,
    "metadata" JSONB,
    "ip" VARCHAR(45),
    "user_agent" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_notifications" (
    "id" SERIAL NOT NULL,
    "admin_id" INTEGER,
    "type" VARCHAR(50) NOT NULL,
    "title" VARCHAR(255) NOT NULL,
    "message" TEXT NOT NULL,
    "data" JSONB,
    "read_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admin_notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_settings" (
    "id" SERIAL NOT NULL,
    "key" VARCHAR(100) NOT NULL,
    "value" JSONB NOT NULL,
    "description" TEXT,
    "updated_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "admin_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "system_logs" (
    "id" SERIAL NOT NULL,
    "fingerprint" VARCHAR(64) NOT NULL,
    "level" "log_level" NOT NULL,
    "source" VARCHAR(100) NOT NULL,
    "message" TEXT NOT NULL,
    "context" JSONB,
    "count" INTEGER NOT NULL DEFAULT 1,
    "first_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "system_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_alerts" (
    "id" SERIAL NOT NULL,
    "fingerprint" VARCHAR(64) NOT NULL,
    "severity" "alert_severity" NOT NULL,
    "source" VARCHAR(100) NOT NULL,
    "title" VARCHAR(255) NOT NULL,
    "message" TEXT NOT NULL,
    "context" JSONB,
    "count" INTEGER NOT NULL DEFAULT 1,
    "first_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notified_at" TIMESTAMPTZ(6),
    "acknowledged_at" TIMESTAMPTZ(6),
    "acknowledged_by_id" INTEGER,
    "resolved_at" TIMESTAMPTZ(6),
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "admin_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "provider" "payment_provider" NOT NULL DEFAULT 'TBANK',
    "status" "payment_status" NOT NULL DEFAULT 'PENDING',
    "idempotency_key" VARCHAR(255) NOT NULL,
    "tbank_payment_id" VARCHAR(255),
    "telegram_charge_id" VARCHAR(255),
    "stars_amount" INTEGER,
    "ton_tx_hash" CHAR(64),
    "ton_amount" DECIMAL(20,9),
    "ton_sender_address" VARCHAR(48),
    "ton_confirmations" INTEGER,
    "amount" DECIMAL(12,2) NOT NULL,
    "currency" "currency" NOT NULL DEFAULT 'RUB',
    "original_currency" "currency",
    "original_amount" DECIMAL(20,9),
    "exchange_rate" DECIMAL(20,10),
    "rate_locked_at" TIMESTAMPTZ(6),
    "rate_expires_at" TIMESTAMPTZ(6),
    "pricing_tier_id" INTEGER,
    "photo_count" INTEGER NOT NULL,
    "refund_amount" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "refund_status" "refund_status",
    "refund_reason" TEXT,
    "refunded_at" TIMESTAMPTZ(6),
    "generation_consumed" BOOLEAN NOT NULL DEFAULT false,
    "consumed_at" TIMESTAMPTZ(6),
    "consumed_avatar_id" INTEGER,
    "is_test_mode" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_events" (
    "id" SERIAL NOT NULL,
    "provider" "webhook_provider" NOT NULL,
    "event_id" VARCHAR(255) NOT NULL,
    "event_type" VARCHAR(100),
    "status" "webhook_event_status" NOT NULL DEFAULT 'RECEIVED',
    "payload" JSONB NOT NULL,
    "payment_id" INTEGER,
    "error_message" TEXT,
    "processed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exchange_rates" (
    "id" SERIAL NOT NULL,
    "base_currency" "currency" NOT NULL,
    "quote_currency" "currency" NOT NULL,
    "rate" DECIMAL(20,10) NOT NULL,
    "source" VARCHAR(50) NOT NULL,
    "fetched_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exchange_rates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "orphan_payments" (
    "id" SERIAL NOT NULL,
    "ton_tx_hash" CHAR(64) NOT NULL,
    "sender_address" VARCHAR(48),
    "amount_nano" BIGINT NOT NULL,
    "comment" TEXT,
    "status" "orphan_payment_status" NOT NULL DEFAULT 'UNMATCHED',
    "matched_payment_id" INTEGER,
    "resolved_by_id" INTEGER,
    "resolved_at" TIMESTAMPTZ(6),
    "note" TEXT,
    "received_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "orphan_payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "promo_codes" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(50) NOT NULL,
    "description" TEXT,
    "discount_type" "discount_type" NOT NULL,
    "discount_value" DECIMAL(12,2) NOT NULL,
    "max_uses" INTEGER,
    "uses_count" INTEGER NOT NULL DEFAULT 0,
    "valid_from" TIMESTAMPTZ(6),
    "valid_until" TIMESTAMPTZ(6),
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "promo_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "promo_code_usages" (
    "id" SERIAL NOT NULL,
    "promo_code_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "payment_id" INTEGER,
    "discount_amount" DECIMAL(12,2) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "promo_code_usages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pricing_tiers" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "price" DECIMAL(12,2) NOT NULL,
    "photo_count" INTEGER NOT NULL,
    "is_popular" BOOLEAN NOT NULL DEFAULT false,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "pricing_tiers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "styles" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(50) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "description" TEXT,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "styles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "generation_jobs" (
    "id" SERIAL NOT NULL,
    "avatar_id" INTEGER NOT NULL,
    "style_id" INTEGER,
    "pack_id" INTEGER,
    "payment_id" INTEGER,
    "status" "generation_job_status" NOT NULL DEFAULT 'PENDING',
    "total_photos" INTEGER NOT NULL DEFAULT 23,
    "completed_photos" INTEGER NOT NULL DEFAULT 0,
    "error_message" TEXT,
    "is_test_mode" BOOLEAN NOT NULL DEFAULT false,
    "started_at" TIMESTAMPTZ(6),
    "completed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "generation_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "generation_tasks" (
    "id" SERIAL NOT NULL,
    "job_id" INTEGER NOT NULL,
    "avatar_id" INTEGER,
    "provider_task_id" VARCHAR(255),
    "prompt_index" INTEGER NOT NULL,
    "prompt" TEXT NOT NULL,
    "status" "generation_task_status" NOT NULL DEFAULT 'PENDING',
    "result_url" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL DEFAULT 3,
    "error_message" TEXT,
    "next_poll_at" TIMESTAMPTZ(6),
    "submitted_at" TIMESTAMPTZ(6),
    "completed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "generation_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saved_prompts" (
    "id" SERIAL NOT NULL,
    "key" VARCHAR(50),
    "title" VARCHAR(255) NOT NULL,
    "prompt" TEXT NOT NULL,
    "negative_prompt" TEXT,
    "style_id" INTEGER,
    "preview_url" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "is_favorite" BOOLEAN NOT NULL DEFAULT false,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "saved_prompts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "photo_packs" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "description" TEXT,
    "cover_url" TEXT,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "photo_packs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pack_items" (
    "id" SERIAL NOT NULL,
    "pack_id" INTEGER NOT NULL,
    "prompt_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "preview_url" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pack_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "telegram_user_id" BIGINT,
    "telegram_username" VARCHAR(255),
    "telegram_chat_id" BIGINT,
    "email" VARCHAR(255),
    "email_verified" BOOLEAN NOT NULL DEFAULT false,
    "name" VARCHAR(255),
    "avatar_url" TEXT,
    "auth_provider" "auth_provider" NOT NULL DEFAULT 'TELEGRAM',
    "is_banned" BOOLEAN NOT NULL DEFAULT false,
    "banned_at" TIMESTAMPTZ(6),
    "ban_reason" TEXT,
    "banned_by_id" INTEGER,
    "referred_by_id" INTEGER,
    "pending_referral_code" VARCHAR(20),
    "pending_generation_tier_id" INTEGER,
    "pending_generation_avatar_id" INTEGER,
    "pending_generation_at" TIMESTAMPTZ(6),
    "onboarding_completed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_identities" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "provider" "auth_provider" NOT NULL,
    "provider_user_id" VARCHAR(255) NOT NULL,
    "email" VARCHAR(255),
    "metadata" JSONB,
    "last_used_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "user_identities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "link_tokens" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL,
    "target_provider" "auth_provider" NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "used_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "link_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "telegram_sessions" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "telegram_chat_id" BIGINT NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "revoked_at" TIMESTAMPTZ(6),
    "last_seen_at" TIMESTAMPTZ(6),
    "ip" VARCHAR(45),
    "user_agent" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "telegram_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "telegram_link_codes" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "code" VARCHAR(16) NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "used_at" TIMESTAMPTZ(6),
    "telegram_user_id" BIGINT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "telegram_link_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "avatars" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "name" VARCHAR(255) NOT NULL DEFAULT 'My avatar',
    "status" "avatar_status" NOT NULL DEFAULT 'DRAFT',
    "thumbnail_url" TEXT,
    "idempotency_key" VARCHAR(255),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "avatars_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reference_photos" (
    "id" SERIAL NOT NULL,
    "avatar_id" INTEGER NOT NULL,
    "image_url" TEXT NOT NULL,
    "storage_key" VARCHAR(500),
    "original_filename" VARCHAR(255),
    "mime_type" VARCHAR(100),
    "size_bytes" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reference_photos_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "generated_photos" (
    "id" SERIAL NOT NULL,
    "avatar_id" INTEGER NOT NULL,
    "job_id" INTEGER,
    "task_id" INTEGER,
    "style_id" INTEGER,
    "prompt" TEXT NOT NULL,
    "image_url" TEXT NOT NULL,
    "thumbnail_url" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "generated_photos_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "photo_favorites" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "photo_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "photo_favorites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "shared_galleries" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "avatar_id" INTEGER NOT NULL,
    "token" VARCHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),
    "view_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "shared_galleries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "referral_codes" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "referral_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "referrals" (
    "id" SERIAL NOT NULL,
    "referrer_id" INTEGER NOT NULL,
    "referred_id" INTEGER NOT NULL,
    "referral_code_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "referrals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "referral_balances" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "balance_rub" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "balance_ton" DECIMAL(20,9) NOT NULL DEFAULT 0,
    "earned_rub" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "earned_ton" DECIMAL(20,9) NOT NULL DEFAULT 0,
    "withdrawn_rub" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "withdrawn_ton" DECIMAL(20,9) NOT NULL DEFAULT 0,
    "ton_wallet_address" VARCHAR(48),
    "commission_rate" DECIMAL(5,4) NOT NULL DEFAULT 0.10,
    "is_partner" BOOLEAN NOT NULL DEFAULT false,
    "partner_since" TIMESTAMPTZ(6),
    "partner_approved_at" TIMESTAMPTZ(6),
    "partner_approved_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "referral_balances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "balance_transactions" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "currency" "currency" NOT NULL,
    "kind" "balance_transaction_kind" NOT NULL,
    "amount" DECIMAL(20,9) NOT NULL,
    "balance_after" DECIMAL(20,9) NOT NULL,
    "earning_id" INTEGER,
    "withdrawal_id" INTEGER,
    "payment_id" INTEGER,
    "idempotency_key" VARCHAR(100),
    "note" TEXT,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "balance_transactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "referral_earnings" (
    "id" SERIAL NOT NULL,
    "referrer_id" INTEGER NOT NULL,
    "referred_id" INTEGER NOT NULL,
    "payment_id" INTEGER NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    "original_amount" DECIMAL(12,2),
    "rate" DECIMAL(5,4) NOT NULL,
    "currency" "currency" NOT NULL DEFAULT 'RUB',
    "native_amount" DECIMAL(20,9),
    "provider" "payment_provider" NOT NULL,
    "status" "earning_status" NOT NULL DEFAULT 'PENDING',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "referral_earnings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "withdrawals" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "currency" "currency" NOT NULL DEFAULT 'RUB',
    "amount" DECIMAL(20,9) NOT NULL,
    "ndfl_amount" DECIMAL(20,9) NOT NULL DEFAULT 0,
    "payout_amount" DECIMAL(20,9) NOT NULL,
    "method" "withdrawal_method" NOT NULL,
    "details" JSONB NOT NULL,
    "recipient_name" VARCHAR(255),
    "user_card_id" INTEGER,
    "status" "withdrawal_status" NOT NULL DEFAULT 'PENDING',
    "rejection_reason" TEXT,
    "external_payout_id" VARCHAR(255),
    "processed_by_id" INTEGER,
    "processed_at" TIMESTAMPTZ(6),
    "paid_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "withdrawals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "withdrawal_logs" (
    "id" SERIAL NOT NULL,
    "withdrawal_id" INTEGER NOT NULL,
    "from_status" "withdrawal_status",
    "to_status" "withdrawal_status" NOT NULL,
    "admin_id" INTEGER,
    "note" TEXT,
    "metadata" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "withdrawal_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_cards" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "masked_number" VARCHAR(19) NOT NULL,
    "tbank_card_id" VARCHAR(64),
    "cardholder_name" VARCHAR(255),
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "user_cards_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "partner_applications" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "contact_name" VARCHAR(255) NOT NULL,
    "contact_email" VARCHAR(255),
    "telegram_username" VARCHAR(255),
    "audience_size" "audience_size",
    "promotion_channels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "message" TEXT,
    "status" "partner_application_status" NOT NULL DEFAULT 'PENDING',
    "reviewed_by_id" INTEGER,
    "reviewed_at" TIMESTAMPTZ(6),
    "review_note" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "partner_applications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_tickets" (
    "id" SERIAL NOT NULL,
    "ticket_number" VARCHAR(20) NOT NULL,
    "user_id" INTEGER,
    "telegram_chat_id" BIGINT,
    "telegram_username" VARCHAR(255),
    "user_name" VARCHAR(255),
    "subject" VARCHAR(500),
    "category" "ticket_category" NOT NULL DEFAULT 'GENERAL',
    "priority" "ticket_priority" NOT NULL DEFAULT 'P3',
    "status" "ticket_status" NOT NULL DEFAULT 'OPEN',
    "source" "ticket_source" NOT NULL DEFAULT 'TELEGRAM',
    "first_response_due_at" TIMESTAMPTZ(6),
    "resolution_due_at" TIMESTAMPTZ(6),
    "first_response_at" TIMESTAMPTZ(6),
    "resolved_at" TIMESTAMPTZ(6),
    "closed_at" TIMESTAMPTZ(6),
    "assigned_to_id" INTEGER,
    "assigned_at" TIMESTAMPTZ(6),
    "escalation_level" INTEGER NOT NULL DEFAULT 0,
    "escalated_at" TIMESTAMPTZ(6),
    "escalation_reason" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "rating" INTEGER,
    "rating_comment" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "support_tickets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_ticket_messages" (
    "id" SERIAL NOT NULL,
    "ticket_id" INTEGER NOT NULL,
    "sender_type" "message_sender" NOT NULL,
    "sender_user_id" INTEGER,
    "sender_admin_id" INTEGER,
    "sender_name" VARCHAR(255),
    "body" TEXT NOT NULL,
    "is_internal" BOOLEAN NOT NULL DEFAULT false,
    "attachments" JSONB,
    "telegram_message_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "support_ticket_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_canned_responses" (
    "id" SERIAL NOT NULL,
    "title" VARCHAR(255) NOT NULL,
    "shortcut" VARCHAR(50),
    "body" TEXT NOT NULL,
    "category" "ticket_category",
    "usage_count" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "support_canned_responses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_operators" (
    "id" SERIAL NOT NULL,
    "admin_id" INTEGER NOT NULL,
    "display_name" VARCHAR(255) NOT NULL,
    "telegram_chat_id" BIGINT,
    "categories" "ticket_category"[] DEFAULT ARRAY[]::"ticket_category"[],
    "is_available" BOOLEAN NOT NULL DEFAULT true,
    "max_active_tickets" INTEGER NOT NULL DEFAULT 20,
    "last_assigned_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "support_operators_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_sla_configs" (
    "id" SERIAL NOT NULL,
    "priority" "ticket_priority" NOT NULL,
    "first_response_minutes" INTEGER NOT NULL,
    "resolution_minutes" INTEGER NOT NULL,
    "escalate_after_minutes" INTEGER,
    "description" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "support_sla_configs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_faq_analytics" (
    "id" SERIAL NOT NULL,
    "faq_key" VARCHAR(100) NOT NULL,
    "view_count" INTEGER NOT NULL DEFAULT 0,
    "helpful_count" INTEGER NOT NULL DEFAULT 0,
    "not_helpful_count" INTEGER NOT NULL DEFAULT 0,
    "ticket_created_count" INTEGER NOT NULL DEFAULT 0,
    "last_viewed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "support_faq_analytics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_ticket_drafts" (
    "id" SERIAL NOT NULL,
    "telegram_chat_id" BIGINT NOT NULL,
    "user_id" INTEGER,
    "step" VARCHAR(50) NOT NULL,
    "category" "ticket_category",
    "subject" VARCHAR(500),
    "body" TEXT,
    "data" JSONB,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "support_ticket_drafts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "telegram_messages" (
    "id" SERIAL NOT NULL,
    "telegram_chat_id" BIGINT NOT NULL,
    "user_id" INTEGER,
    "broadcast_id" INTEGER,
    "kind" VARCHAR(50) NOT NULL,
    "text" TEXT,
    "payload" JSONB,
    "status" "telegram_message_status" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL DEFAULT 3,
    "error_message" TEXT,
    "send_after" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(6),
    "telegram_message_id" BIGINT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "telegram_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "telegram_broadcasts" (
    "id" SERIAL NOT NULL,
    "admin_id" INTEGER,
    "title" VARCHAR(255) NOT NULL,
    "text" TEXT NOT NULL,
    "media_url" TEXT,
    "buttons" JSONB,
    "audience" JSONB,
    "status" "broadcast_status" NOT NULL DEFAULT 'DRAFT',
    "scheduled_at" TIMESTAMPTZ(6),
    "started_at" TIMESTAMPTZ(6),
    "completed_at" TIMESTAMPTZ(6),
    "total_recipients" INTEGER NOT NULL DEFAULT 0,
    "sent_count" INTEGER NOT NULL DEFAULT 0,
    "failed_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "telegram_broadcasts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "telegram_affiliate_settings" (
    "id" SERIAL NOT NULL,
    "commission_per_mille" INTEGER NOT NULL,
    "duration_months" INTEGER,
    "is_active" BOOLEAN NOT NULL DEFAULT false,
    "updated_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "telegram_affiliate_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "telegram_mtproto_sessions" (
    "id" SERIAL NOT NULL,
    "admin_id" INTEGER,
    "phone_number" VARCHAR(20) NOT NULL,
    "session_string" TEXT NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "last_used_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "telegram_mtproto_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "admin_users_username_key" ON "admin_users"("username");

-- CreateIndex
CREATE UNIQUE INDEX "admin_users_email_key" ON "admin_users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "admin_sessions_token_hash_key" ON "admin_sessions"("token_hash");

-- CreateIndex
CREATE INDEX "admin_sessions_admin_id_idx" ON "admin_sessions"("admin_id");

-- CreateIndex
CREATE INDEX "admin_sessions_expires_at_idx" ON "admin_sessions"("expires_at");

-- CreateIndex
CREATE INDEX "audit_logs_admin_id_created_at_idx" ON "audit_logs"("admin_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_logs_target_type_target_id_created_at_idx" ON "audit_logs"("target_type", "target_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_logs_action_created_at_idx" ON "audit_logs"("action", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_logs_created_at_idx" ON "audit_logs"("created_at");

-- CreateIndex
CREATE INDEX "admin_notifications_admin_id_created_at_idx" ON "admin_notifications"("admin_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "admin_notifications_created_at_idx" ON "admin_notifications"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "admin_settings_key_key" ON "admin_settings"("key");

-- CreateIndex
CREATE INDEX "admin_settings_updated_by_id_idx" ON "admin_settings"("updated_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "system_logs_fingerprint_key" ON "system_logs"("fingerprint");

-- CreateIndex
CREATE INDEX "system_logs_level_last_seen_at_idx" ON "system_logs"("level", "last_seen_at" DESC);

-- CreateIndex
CREATE INDEX "system_logs_last_seen_at_idx" ON "system_logs"("last_seen_at");

-- CreateIndex
CREATE UNIQUE INDEX "admin_alerts_fingerprint_key" ON "admin_alerts"("fingerprint");

-- CreateIndex
CREATE INDEX "admin_alerts_acknowledged_by_id_idx" ON "admin_alerts"("acknowledged_by_id");

-- CreateIndex
CREATE INDEX "admin_alerts_severity_last_seen_at_idx" ON "admin_alerts"("severity", "last_seen_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "payments_idempotency_key_key" ON "payments"("idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "payments_tbank_payment_id_key" ON "payments"("tbank_payment_id");

-- CreateIndex
CREATE UNIQUE INDEX "payments_telegram_charge_id_key" ON "payments"("telegram_charge_id");

-- CreateIndex
CREATE UNIQUE INDEX "payments_ton_tx_hash_key" ON "payments"("ton_tx_hash");

-- CreateIndex
CREATE INDEX "payments_user_id_created_at_idx" ON "payments"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "payments_status_idx" ON "payments"("status");

-- CreateIndex
CREATE INDEX "payments_provider_status_idx" ON "payments"("provider", "status");

-- CreateIndex
CREATE INDEX "payments_pricing_tier_id_idx" ON "payments"("pricing_tier_id");

-- CreateIndex
CREATE INDEX "payments_consumed_avatar_id_idx" ON "payments"("consumed_avatar_id");

-- CreateIndex
CREATE INDEX "payments_created_at_idx" ON "payments"("created_at");

-- CreateIndex
CREATE INDEX "webhook_events_payment_id_idx" ON "webhook_events"("payment_id");

-- CreateIndex
CREATE INDEX "webhook_events_status_created_at_idx" ON "webhook_events"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_events_provider_event_id_key" ON "webhook_events"("provider", "event_id");

-- CreateIndex
CREATE UNIQUE INDEX "exchange_rates_base_currency_quote_currency_fetched_at_key" ON "exchange_rates"("base_currency", "quote_currency", "fetched_at");

-- CreateIndex
CREATE UNIQUE INDEX "orphan_payments_ton_tx_hash_key" ON "orphan_payments"("ton_tx_hash");

-- CreateIndex
CREATE UNIQUE INDEX "orphan_payments_matched_payment_id_key" ON "orphan_payments"("matched_payment_id");

-- CreateIndex
CREATE INDEX "orphan_payments_resolved_by_id_idx" ON "orphan_payments"("resolved_by_id");

-- CreateIndex
CREATE INDEX "orphan_payments_status_received_at_idx" ON "orphan_payments"("status", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "promo_codes_code_key" ON "promo_codes"("code");

-- CreateIndex
CREATE INDEX "promo_codes_created_by_id_idx" ON "promo_codes"("created_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "promo_code_usages_payment_id_key" ON "promo_code_usages"("payment_id");

-- CreateIndex
CREATE INDEX "promo_code_usages_user_id_idx" ON "promo_code_usages"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "promo_code_usages_promo_code_id_user_id_key" ON "promo_code_usages"("promo_code_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "pricing_tiers_code_key" ON "pricing_tiers"("code");

-- CreateIndex
CREATE UNIQUE INDEX "styles_code_key" ON "styles"("code");

-- CreateIndex
CREATE UNIQUE INDEX "generation_jobs_payment_id_key" ON "generation_jobs"("payment_id");

-- CreateIndex
CREATE INDEX "generation_jobs_avatar_id_created_at_idx" ON "generation_jobs"("avatar_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "generation_jobs_style_id_idx" ON "generation_jobs"("style_id");

-- CreateIndex
CREATE INDEX "generation_jobs_pack_id_idx" ON "generation_jobs"("pack_id");

-- CreateIndex
CREATE INDEX "generation_jobs_status_idx" ON "generation_jobs"("status");

-- CreateIndex
CREATE INDEX "generation_jobs_created_at_idx" ON "generation_jobs"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "generation_tasks_provider_task_id_key" ON "generation_tasks"("provider_task_id");

-- CreateIndex
CREATE INDEX "generation_tasks_avatar_id_idx" ON "generation_tasks"("avatar_id");

-- CreateIndex
CREATE INDEX "generation_tasks_status_next_poll_at_idx" ON "generation_tasks"("status", "next_poll_at");

-- CreateIndex
CREATE UNIQUE INDEX "generation_tasks_job_id_prompt_index_key" ON "generation_tasks"("job_id", "prompt_index");

-- CreateIndex
CREATE UNIQUE INDEX "saved_prompts_key_key" ON "saved_prompts"("key");

-- CreateIndex
CREATE INDEX "saved_prompts_style_id_sort_order_idx" ON "saved_prompts"("style_id", "sort_order");

-- CreateIndex
CREATE INDEX "saved_prompts_created_by_id_idx" ON "saved_prompts"("created_by_id");

-- CreateIndex
CREATE INDEX "photo_packs_created_by_id_idx" ON "photo_packs"("created_by_id");

-- CreateIndex
CREATE INDEX "pack_items_prompt_id_idx" ON "pack_items"("prompt_id");

-- CreateIndex
CREATE UNIQUE INDEX "pack_items_pack_id_position_key" ON "pack_items"("pack_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "users_telegram_user_id_key" ON "users"("telegram_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_telegram_chat_id_idx" ON "users"("telegram_chat_id");

-- CreateIndex
CREATE INDEX "users_telegram_username_idx" ON "users"("telegram_username");

-- CreateIndex
CREATE INDEX "users_banned_by_id_idx" ON "users"("banned_by_id");

-- CreateIndex
CREATE INDEX "users_referred_by_id_idx" ON "users"("referred_by_id");

-- CreateIndex
CREATE INDEX "users_pending_generation_tier_id_idx" ON "users"("pending_generation_tier_id");

-- CreateIndex
CREATE INDEX "users_pending_generation_avatar_id_idx" ON "users"("pending_generation_avatar_id");

-- CreateIndex
CREATE INDEX "users_created_at_id_idx" ON "users"("created_at", "id");

-- CreateIndex
CREATE INDEX "user_identities_user_id_idx" ON "user_identities"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "user_identities_provider_provider_user_id_key" ON "user_identities"("provider", "provider_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "link_tokens_token_hash_key" ON "link_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "link_tokens_user_id_idx" ON "link_tokens"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "telegram_sessions_token_hash_key" ON "telegram_sessions"("token_hash");

-- CreateIndex
CREATE INDEX "telegram_sessions_user_id_idx" ON "telegram_sessions"("user_id");

-- CreateIndex
CREATE INDEX "telegram_sessions_telegram_chat_id_idx" ON "telegram_sessions"("telegram_chat_id");

-- CreateIndex
CREATE INDEX "telegram_sessions_expires_at_idx" ON "telegram_sessions"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "telegram_link_codes_code_key" ON "telegram_link_codes"("code");

-- CreateIndex
CREATE INDEX "telegram_link_codes_user_id_idx" ON "telegram_link_codes"("user_id");

-- CreateIndex
CREATE INDEX "avatars_user_id_created_at_id_idx" ON "avatars"("user_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "avatars_user_id_status_idx" ON "avatars"("user_id", "status");

-- CreateIndex
CREATE INDEX "avatars_status_idx" ON "avatars"("status");

-- CreateIndex
CREATE UNIQUE INDEX "avatars_user_id_idempotency_key_key" ON "avatars"("user_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "reference_photos_avatar_id_created_at_id_idx" ON "reference_photos"("avatar_id", "created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "generated_photos_task_id_key" ON "generated_photos"("task_id");

-- CreateIndex
CREATE INDEX "generated_photos_avatar_id_created_at_id_idx" ON "generated_photos"("avatar_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "generated_photos_job_id_idx" ON "generated_photos"("job_id");

-- CreateIndex
CREATE INDEX "generated_photos_style_id_idx" ON "generated_photos"("style_id");

-- CreateIndex
CREATE INDEX "photo_favorites_user_id_created_at_id_idx" ON "photo_favorites"("user_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "photo_favorites_photo_id_idx" ON "photo_favorites"("photo_id");

-- CreateIndex
CREATE UNIQUE INDEX "photo_favorites_user_id_photo_id_key" ON "photo_favorites"("user_id", "photo_id");

-- CreateIndex
CREATE UNIQUE INDEX "shared_galleries_token_key" ON "shared_galleries"("token");

-- CreateIndex
CREATE INDEX "shared_galleries_user_id_idx" ON "shared_galleries"("user_id");

-- CreateIndex
CREATE INDEX "shared_galleries_avatar_id_idx" ON "shared_galleries"("avatar_id");

-- CreateIndex
CREATE UNIQUE INDEX "referral_codes_user_id_key" ON "referral_codes"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "referral_codes_code_key" ON "referral_codes"("code");

-- CreateIndex
CREATE UNIQUE INDEX "referrals_referred_id_key" ON "referrals"("referred_id");

-- CreateIndex
CREATE INDEX "referrals_referrer_id_created_at_idx" ON "referrals"("referrer_id", "created_at");

-- CreateIndex
CREATE INDEX "referrals_referral_code_id_idx" ON "referrals"("referral_code_id");

-- CreateIndex
CREATE UNIQUE INDEX "referrals_referrer_id_referred_id_key" ON "referrals"("referrer_id", "referred_id");

-- CreateIndex
CREATE UNIQUE INDEX "referral_balances_user_id_key" ON "referral_balances"("user_id");

-- CreateIndex
CREATE INDEX "referral_balances_partner_approved_by_id_idx" ON "referral_balances"("partner_approved_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "balance_transactions_idempotency_key_key" ON "balance_transactions"("idempotency_key");

-- CreateIndex
CREATE INDEX "balance_transactions_user_id_currency_created_at_idx" ON "balance_transactions"("user_id", "currency", "created_at");

-- CreateIndex
CREATE INDEX "balance_transactions_user_id_created_at_idx" ON "balance_transactions"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "balance_transactions_payment_id_idx" ON "balance_transactions"("payment_id");

-- CreateIndex
CREATE INDEX "balance_transactions_created_by_id_idx" ON "balance_transactions"("created_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "balance_transactions_earning_id_kind_key" ON "balance_transactions"("earning_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "balance_transactions_withdrawal_id_kind_key" ON "balance_transactions"("withdrawal_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "referral_earnings_payment_id_key" ON "referral_earnings"("payment_id");

-- CreateIndex
CREATE INDEX "referral_earnings_referrer_id_created_at_idx" ON "referral_earnings"("referrer_id", "created_at");

-- CreateIndex
CREATE INDEX "referral_earnings_referred_id_idx" ON "referral_earnings"("referred_id");

-- CreateIndex
CREATE INDEX "referral_earnings_status_idx" ON "referral_earnings"("status");

-- CreateIndex
CREATE UNIQUE INDEX "withdrawals_external_payout_id_key" ON "withdrawals"("external_payout_id");

-- CreateIndex
CREATE INDEX "withdrawals_user_id_created_at_idx" ON "withdrawals"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "withdrawals_status_created_at_idx" ON "withdrawals"("status", "created_at");

-- CreateIndex
CREATE INDEX "withdrawals_user_card_id_idx" ON "withdrawals"("user_card_id");

-- CreateIndex
CREATE INDEX "withdrawals_processed_by_id_idx" ON "withdrawals"("processed_by_id");

-- CreateIndex
CREATE INDEX "withdrawal_logs_withdrawal_id_created_at_idx" ON "withdrawal_logs"("withdrawal_id", "created_at");

-- CreateIndex
CREATE INDEX "withdrawal_logs_admin_id_idx" ON "withdrawal_logs"("admin_id");

-- CreateIndex
CREATE UNIQUE INDEX "user_cards_tbank_card_id_key" ON "user_cards"("tbank_card_id");

-- CreateIndex
CREATE INDEX "user_cards_user_id_idx" ON "user_cards"("user_id");

-- CreateIndex
CREATE INDEX "partner_applications_user_id_idx" ON "partner_applications"("user_id");

-- CreateIndex
CREATE INDEX "partner_applications_reviewed_by_id_idx" ON "partner_applications"("reviewed_by_id");

-- CreateIndex
CREATE INDEX "partner_applications_status_created_at_idx" ON "partner_applications"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "support_tickets_ticket_number_key" ON "support_tickets"("ticket_number");

-- CreateIndex
CREATE INDEX "support_tickets_user_id_created_at_idx" ON "support_tickets"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "support_tickets_status_priority_created_at_idx" ON "support_tickets"("status", "priority", "created_at");

-- CreateIndex
CREATE INDEX "support_tickets_assigned_to_id_status_idx" ON "support_tickets"("assigned_to_id", "status");

-- CreateIndex
CREATE INDEX "support_tickets_telegram_chat_id_idx" ON "support_tickets"("telegram_chat_id");

-- CreateIndex
CREATE INDEX "support_tickets_created_at_idx" ON "support_tickets"("created_at");

-- CreateIndex
CREATE INDEX "support_ticket_messages_ticket_id_created_at_id_idx" ON "support_ticket_messages"("ticket_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "support_ticket_messages_sender_user_id_idx" ON "support_ticket_messages"("sender_user_id");

-- CreateIndex
CREATE INDEX "support_ticket_messages_sender_admin_id_idx" ON "support_ticket_messages"("sender_admin_id");

-- CreateIndex
CREATE UNIQUE INDEX "support_canned_responses_shortcut_key" ON "support_canned_responses"("shortcut");

-- CreateIndex
CREATE INDEX "support_canned_responses_created_by_id_idx" ON "support_canned_responses"("created_by_id");

-- CreateIndex
CREATE INDEX "support_canned_responses_category_idx" ON "support_canned_responses"("category");

-- CreateIndex
CREATE UNIQUE INDEX "support_operators_admin_id_key" ON "support_operators"("admin_id");

-- CreateIndex
CREATE UNIQUE INDEX "support_sla_configs_priority_key" ON "support_sla_configs"("priority");

-- CreateIndex
CREATE UNIQUE INDEX "support_faq_analytics_faq_key_key" ON "support_faq_analytics"("faq_key");

-- CreateIndex
CREATE UNIQUE INDEX "support_ticket_drafts_telegram_chat_id_key" ON "support_ticket_drafts"("telegram_chat_id");

-- CreateIndex
CREATE INDEX "support_ticket_drafts_user_id_idx" ON "support_ticket_drafts"("user_id");

-- CreateIndex
CREATE INDEX "support_ticket_drafts_expires_at_idx" ON "support_ticket_drafts"("expires_at");

-- CreateIndex
CREATE INDEX "telegram_messages_status_send_after_idx" ON "telegram_messages"("status", "send_after");

-- CreateIndex
CREATE INDEX "telegram_messages_user_id_idx" ON "telegram_messages"("user_id");

-- CreateIndex
CREATE INDEX "telegram_messages_broadcast_id_status_idx" ON "telegram_messages"("broadcast_id", "status");

-- CreateIndex
CREATE INDEX "telegram_messages_telegram_chat_id_idx" ON "telegram_messages"("telegram_chat_id");

-- CreateIndex
CREATE INDEX "telegram_broadcasts_admin_id_idx" ON "telegram_broadcasts"("admin_id");

-- CreateIndex
CREATE INDEX "telegram_broadcasts_status_scheduled_at_idx" ON "telegram_broadcasts"("status", "scheduled_at");

-- CreateIndex
CREATE INDEX "telegram_affiliate_settings_updated_by_id_idx" ON "telegram_affiliate_settings"("updated_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "telegram_mtproto_sessions_phone_number_key" ON "telegram_mtproto_sessions"("phone_number");

-- CreateIndex
CREATE INDEX "telegram_mtproto_sessions_admin_id_idx" ON "telegram_mtproto_sessions"("admin_id");

-- AddForeignKey
ALTER TABLE "admin_sessions" ADD CONSTRAINT "admin_sessions_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admin_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admin_notifications" ADD CONSTRAINT "admin_notifications_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admin_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admin_settings" ADD CONSTRAINT "admin_settings_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admin_alerts" ADD CONSTRAINT "admin_alerts_acknowledged_by_id_fkey" FOREIGN KEY ("acknowledged_by_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_pricing_tier_id_fkey" FOREIGN KEY ("pricing_tier_id") REFERENCES "pricing_tiers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_consumed_avatar_id_fkey" FOREIGN KEY ("consumed_avatar_id") REFERENCES "avatars"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orphan_payments" ADD CONSTRAINT "orphan_payments_matched_payment_id_fkey" FOREIGN KEY ("matched_payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orphan_payments" ADD CONSTRAINT "orphan_payments_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promo_codes" ADD CONSTRAINT "promo_codes_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promo_code_usages" ADD CONSTRAINT "promo_code_usages_promo_code_id_fkey" FOREIGN KEY ("promo_code_id") REFERENCES "promo_codes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promo_code_usages" ADD CONSTRAINT "promo_code_usages_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promo_code_usages" ADD CONSTRAINT "promo_code_usages_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_jobs" ADD CONSTRAINT "generation_jobs_avatar_id_fkey" FOREIGN KEY ("avatar_id") REFERENCES "avatars"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_jobs" ADD CONSTRAINT "generation_jobs_style_id_fkey" FOREIGN KEY ("style_id") REFERENCES "styles"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_jobs" ADD CONSTRAINT "generation_jobs_pack_id_fkey" FOREIGN KEY ("pack_id") REFERENCES "photo_packs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_jobs" ADD CONSTRAINT "generation_jobs_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_tasks" ADD CONSTRAINT "generation_tasks_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "generation_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_tasks" ADD CONSTRAINT "generation_tasks_avatar_id_fkey" FOREIGN KEY ("avatar_id") REFERENCES "avatars"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_prompts" ADD CONSTRAINT "saved_prompts_style_id_fkey" FOREIGN KEY ("style_id") REFERENCES "styles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_prompts" ADD CONSTRAINT "saved_prompts_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "photo_packs" ADD CONSTRAINT "photo_packs_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pack_items" ADD CONSTRAINT "pack_items_pack_id_fkey" FOREIGN KEY ("pack_id") REFERENCES "photo_packs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pack_items" ADD CONSTRAINT "pack_items_prompt_id_fkey" FOREIGN KEY ("prompt_id") REFERENCES "saved_prompts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_banned_by_id_fkey" FOREIGN KEY ("banned_by_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_referred_by_id_fkey" FOREIGN KEY ("referred_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_pending_generation_tier_id_fkey" FOREIGN KEY ("pending_generation_tier_id") REFERENCES "pricing_tiers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_pending_generation_avatar_id_fkey" FOREIGN KEY ("pending_generation_avatar_id") REFERENCES "avatars"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_identities" ADD CONSTRAINT "user_identities_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "link_tokens" ADD CONSTRAINT "link_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "telegram_sessions" ADD CONSTRAINT "telegram_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "telegram_link_codes" ADD CONSTRAINT "telegram_link_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "avatars" ADD CONSTRAINT "avatars_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reference_photos" ADD CONSTRAINT "reference_photos_avatar_id_fkey" FOREIGN KEY ("avatar_id") REFERENCES "avatars"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generated_photos" ADD CONSTRAINT "generated_photos_avatar_id_fkey" FOREIGN KEY ("avatar_id") REFERENCES "avatars"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generated_photos" ADD CONSTRAINT "generated_photos_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "generation_jobs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generated_photos" ADD CONSTRAINT "generated_photos_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "generation_tasks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generated_photos" ADD CONSTRAINT "generated_photos_style_id_fkey" FOREIGN KEY ("style_id") REFERENCES "styles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "photo_favorites" ADD CONSTRAINT "photo_favorites_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "photo_favorites" ADD CONSTRAINT "photo_favorites_photo_id_fkey" FOREIGN KEY ("photo_id") REFERENCES "generated_photos"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shared_galleries" ADD CONSTRAINT "shared_galleries_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shared_galleries" ADD CONSTRAINT "shared_galleries_avatar_id_fkey" FOREIGN KEY ("avatar_id") REFERENCES "avatars"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral_codes" ADD CONSTRAINT "referral_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_id_fkey" FOREIGN KEY ("referrer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referred_id_fkey" FOREIGN KEY ("referred_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referral_code_id_fkey" FOREIGN KEY ("referral_code_id") REFERENCES "referral_codes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral_balances" ADD CONSTRAINT "referral_balances_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral_balances" ADD CONSTRAINT "referral_balances_partner_approved_by_id_fkey" FOREIGN KEY ("partner_approved_by_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "balance_transactions" ADD CONSTRAINT "balance_transactions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "balance_transactions" ADD CONSTRAINT "balance_transactions_earning_id_fkey" FOREIGN KEY ("earning_id") REFERENCES "referral_earnings"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "balance_transactions" ADD CONSTRAINT "balance_transactions_withdrawal_id_fkey" FOREIGN KEY ("withdrawal_id") REFERENCES "withdrawals"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "balance_transactions" ADD CONSTRAINT "balance_transactions_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "balance_transactions" ADD CONSTRAINT "balance_transactions_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "admin_users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral_earnings" ADD CONSTRAINT "referral_earnings_referrer_id_fkey" FOREIGN KEY ("referrer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral_earnings" ADD CONSTRAINT "referral_earnings_referred_id_fkey" FOREIGN KEY ("referred_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral_earnings" ADD CONSTRAINT "referral_earnings_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_user_card_id_fkey" FOREIGN KEY ("user_card_id") REFERENCES "user_cards"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_processed_by_id_fkey" FOREIGN KEY ("processed_by_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "withdrawal_logs" ADD CONSTRAINT "withdrawal_logs_withdrawal_id_fkey" FOREIGN KEY ("withdrawal_id") REFERENCES "withdrawals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "withdrawal_logs" ADD CONSTRAINT "withdrawal_logs_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_cards" ADD CONSTRAINT "user_cards_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "partner_applications" ADD CONSTRAINT "partner_applications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "partner_applications" ADD CONSTRAINT "partner_applications_reviewed_by_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_tickets" ADD CONSTRAINT "support_tickets_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_tickets" ADD CONSTRAINT "support_tickets_assigned_to_id_fkey" FOREIGN KEY ("assigned_to_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_ticket_messages" ADD CONSTRAINT "support_ticket_messages_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "support_tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_ticket_messages" ADD CONSTRAINT "support_ticket_messages_sender_user_id_fkey" FOREIGN KEY ("sender_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_ticket_messages" ADD CONSTRAINT "support_ticket_messages_sender_admin_id_fkey" FOREIGN KEY ("sender_admin_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_canned_responses" ADD CONSTRAINT "support_canned_responses_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_operators" ADD CONSTRAINT "support_operators_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admin_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_ticket_drafts" ADD CONSTRAINT "support_ticket_drafts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "telegram_messages" ADD CONSTRAINT "telegram_messages_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "telegram_messages" ADD CONSTRAINT "telegram_messages_broadcast_id_fkey" FOREIGN KEY ("broadcast_id") REFERENCES "telegram_broadcasts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "telegram_broadcasts" ADD CONSTRAINT "telegram_broadcasts_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "telegram_affiliate_settings" ADD CONSTRAINT "telegram_affiliate_settings_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "telegram_mtproto_sessions" ADD CONSTRAINT "telegram_mtproto_sessions_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
