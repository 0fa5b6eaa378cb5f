-- Integrity rules Prisma's schema language cannot express: CHECK constraints,
-- partial indexes, the deferred "at least one identity" and ledger triggers.
-- Written by hand; the drift check (pnpm db:check) ignores these kinds of objects.

------------------------------------------------------------------------------------------
-- identity
------------------------------------------------------------------------------------------
ALTER TABLE users
  ADD CONSTRAINT chk_users_not_self_referred CHECK (referred_by_id IS NULL OR referred_by_id <> id);

-- A user must end every transaction with at least one user_identities row. Deferred, so
-- "insert user, then insert identity" in one transaction passes; deleting the user
-- itself (which cascades to its identities) passes too.
CREATE FUNCTION enforce_user_has_identity() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  uid integer;
BEGIN
  IF TG_TABLE_NAME = 'users' THEN
    uid := NEW.id;
  ELSE
    uid := OLD.user_id;
  END IF;
  IF EXISTS (SELECT 1 FROM users WHERE id = uid)
     AND NOT EXISTS (SELECT 1 FROM user_identities WHERE user_id = uid) THEN
    RAISE EXCEPTION 'user % has no identity', uid
      USING ERRCODE = 'check_violation', CONSTRAINT = 'chk_users_has_identity';
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER chk_users_has_identity
  AFTER INSERT ON users
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION enforce_user_has_identity();

CREATE CONSTRAINT TRIGGER chk_user_identities_keep_one
  AFTER DELETE OR UPDATE OF user_id ON user_identities
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION enforce_user_has_identity();

------------------------------------------------------------------------------------------
-- photos
------------------------------------------------------------------------------------------
ALTER TABLE reference_photos
  ADD CONSTRAINT chk_reference_photos_size_positive CHECK (size_bytes IS NULL OR size_bytes > 0);
ALTER TABLE shared_galleries
  ADD CONSTRAINT chk_shared_galleries_view_count CHECK (view_count >= 0);

------------------------------------------------------------------------------------------
-- generation
------------------------------------------------------------------------------------------
ALTER TABLE pricing_tiers
  ADD CONSTRAINT chk_pricing_tiers_price_positive CHECK (price > 0),
  ADD CONSTRAINT chk_pricing_tiers_photo_count_positive CHECK (photo_count > 0);

ALTER TABLE generation_jobs
  ADD CONSTRAINT chk_generation_jobs_total_photos_positive CHECK (total_photos > 0),
  ADD CONSTRAINT chk_generation_jobs_completed_photos CHECK (completed_photos BETWEEN 0 AND total_photos),
  ADD CONSTRAINT chk_generation_jobs_style_or_pack CHECK (num_nonnulls(style_id, pack_id) = 1);

ALTER TABLE generation_tasks
  ADD CONSTRAINT chk_generation_tasks_prompt_index CHECK (prompt_index >= 0),
  ADD CONSTRAINT chk_generation_tasks_max_attempts_positive CHECK (max_attempts > 0),
  ADD CONSTRAINT chk_generation_tasks_attempts CHECK (attempts BETWEEN 0 AND max_attempts);

ALTER TABLE pack_items
  ADD CONSTRAINT chk_pack_items_position CHECK (position >= 0);

-- Jobs the worker still has to drive, and failed paid jobs waiting for a refund/re-credit.
CREATE INDEX idx_generation_jobs_active ON generation_jobs (created_at)
  WHERE status IN ('PENDING', 'PROCESSING');
CREATE INDEX idx_generation_jobs_failed_with_payment ON generation_jobs (updated_at)
  WHERE status = 'FAILED' AND payment_id IS NOT NULL;

------------------------------------------------------------------------------------------
-- billing
------------------------------------------------------------------------------------------
ALTER TABLE payments
  ADD CONSTRAINT chk_payments_amount_positive CHECK (amount > 0),
  ADD CONSTRAINT chk_payments_photo_count_positive CHECK (photo_count > 0),
  ADD CONSTRAINT chk_payments_stars_amount_positive CHECK (stars_amount IS NULL OR stars_amount > 0),
  ADD CONSTRAINT chk_payments_ton_amount_positive CHECK (ton_amount IS NULL OR ton_amount > 0),
  ADD CONSTRAINT chk_payments_original_amount_positive CHECK (original_amount IS NULL OR original_amount > 0),
  ADD CONSTRAINT chk_payments_exchange_rate_positive CHECK (exchange_rate IS NULL OR exchange_rate > 0),
  ADD CONSTRAINT chk_payments_ton_confirmations CHECK (ton_confirmations IS NULL OR ton_confirmations >= 0),
  ADD CONSTRAINT chk_payments_refund_amount CHECK (refund_amount >= 0 AND refund_amount <= amount),
  ADD CONSTRAINT chk_payments_stars_has_amount CHECK (provider <> 'STARS' OR stars_amount IS NOT NULL),
  ADD CONSTRAINT chk_payments_ton_has_amount CHECK (provider <> 'TON' OR ton_amount IS NOT NULL),
  ADD CONSTRAINT chk_payments_consumed_at CHECK (NOT generation_consumed OR consumed_at IS NOT NULL);

-- Succeeded payments not yet spent on a generation: the atomic consume looks here.
CREATE INDEX idx_payments_available ON payments (user_id, created_at DESC)
  WHERE status = 'SUCCEEDED' AND generation_consumed = false;
-- Test-mode rows are few; a full index on a boolean would be mostly dead weight.
CREATE INDEX idx_payments_test_mode ON payments (created_at)
  WHERE is_test_mode;

ALTER TABLE exchange_rates
  ADD CONSTRAINT chk_exchange_rates_rate_positive CHECK (rate > 0),
  ADD CONSTRAINT chk_exchange_rates_distinct_currencies CHECK (base_currency <> quote_currency);

ALTER TABLE orphan_payments
  ADD CONSTRAINT chk_orphan_payments_amount_positive CHECK (amount_nano > 0);

ALTER TABLE promo_codes
  ADD CONSTRAINT chk_promo_codes_discount_range CHECK (
    (discount_type = 'PERCENT' AND discount_value > 0 AND discount_value <= 100)
    OR (discount_type = 'FIXED' AND discount_value > 0)),
  ADD CONSTRAINT chk_promo_codes_max_uses_positive CHECK (max_uses IS NULL OR max_uses > 0),
  ADD CONSTRAINT chk_promo_codes_uses_count CHECK (uses_count >= 0 AND (max_uses IS NULL OR uses_count <= max_uses)),
  ADD CONSTRAINT chk_promo_codes_validity CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_until > valid_from);

ALTER TABLE promo_code_usages
  ADD CONSTRAINT chk_promo_code_usages_discount_nonnegative CHECK (discount_amount >= 0);

------------------------------------------------------------------------------------------
-- referrals
------------------------------------------------------------------------------------------
ALTER TABLE referrals
  ADD CONSTRAINT chk_referrals_not_self CHECK (referrer_id <> referred_id);

ALTER TABLE referral_balances
  ADD CONSTRAINT chk_referral_balances_balance_rub_nonnegative CHECK (balance_rub >= 0),
  ADD CONSTRAINT chk_referral_balances_balance_ton_nonnegative CHECK (balance_ton >= 0),
  ADD CONSTRAINT chk_referral_balances_earned_rub_nonnegative CHECK (earned_rub >= 0),
  ADD CONSTRAINT chk_referral_balances_earned_ton_nonnegative CHECK (earned_ton >= 0),
  ADD CONSTRAINT chk_referral_balances_withdrawn_rub_nonnegative CHECK (withdrawn_rub >= 0),
  ADD CONSTRAINT chk_referral_balances_withdrawn_ton_nonnegative CHECK (withdrawn_ton >= 0),
  ADD CONSTRAINT chk_referral_balances_commission_rate CHECK (commission_rate >= 0 AND commission_rate <= 1);

ALTER TABLE balance_transactions
  ADD CONSTRAINT chk_balance_transactions_amount_nonzero CHECK (amount <> 0),
  ADD CONSTRAINT chk_balance_transactions_currency CHECK (currency IN ('RUB', 'TON')),
  ADD CONSTRAINT chk_balance_transactions_balance_after_nonnegative CHECK (balance_after >= 0),
  -- RUB balances are numeric(12,2): a RUB ledger row must not carry more precision.
  ADD CONSTRAINT chk_balance_transactions_rub_scale CHECK (
    currency <> 'RUB' OR (amount = round(amount, 2) AND balance_after = round(balance_after, 2)));

ALTER TABLE referral_earnings
  ADD CONSTRAINT chk_referral_earnings_amount_positive CHECK (amount > 0),
  ADD CONSTRAINT chk_referral_earnings_original_amount_positive CHECK (original_amount IS NULL OR original_amount > 0),
  ADD CONSTRAINT chk_referral_earnings_native_amount_positive CHECK (native_amount IS NULL OR native_amount > 0),
  ADD CONSTRAINT chk_referral_earnings_rate CHECK (rate > 0 AND rate <= 1),
  ADD CONSTRAINT chk_referral_earnings_currency CHECK (currency IN ('RUB', 'TON')),
  ADD CONSTRAINT chk_referral_earnings_not_self CHECK (referrer_id <> referred_id);

ALTER TABLE withdrawals
  ADD CONSTRAINT chk_withdrawals_amount_positive CHECK (amount > 0),
  ADD CONSTRAINT chk_withdrawals_ndfl_nonnegative CHECK (ndfl_amount >= 0),
  ADD CONSTRAINT chk_withdrawals_payout_nonnegative CHECK (payout_amount >= 0),
  ADD CONSTRAINT chk_withdrawals_payout_math CHECK (payout_amount = amount - ndfl_amount),
  ADD CONSTRAINT chk_withdrawals_currency CHECK (currency IN ('RUB', 'TON')),
  ADD CONSTRAINT chk_withdrawals_method_currency CHECK ((method = 'TON') = (currency = 'TON')),
  ADD CONSTRAINT chk_withdrawals_rub_scale CHECK (
    currency <> 'RUB' OR (amount = round(amount, 2) AND ndfl_amount = round(ndfl_amount, 2))),
  -- details holds a masked card, never a PAN: 13-19 digits, with or without single
  -- spaces or dashes between them (SBP phones have 11 digits).
  ADD CONSTRAINT chk_withdrawals_details_no_pan CHECK (details::text !~ '([0-9][ -]?){12,18}[0-9]');

-- Never a full PAN: first 4-6 digits, at least three masked, last 4.
ALTER TABLE user_cards
  ADD CONSTRAINT chk_user_cards_masked_number CHECK (masked_number ~ '^[0-9]{4,6}\*{3,9}[0-9]{4}$');

-- The ledger is append-only: corrections are new rows (COMMISSION_REVERSAL, ADJUSTMENT).
CREATE FUNCTION refuse_balance_transaction_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'balance_transactions is append-only (% refused)', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER trg_balance_transactions_append_only
  BEFORE UPDATE OR DELETE ON balance_transactions
  FOR EACH ROW EXECUTE FUNCTION refuse_balance_transaction_change();

-- Row triggers do not fire on TRUNCATE.
CREATE TRIGGER trg_balance_transactions_no_truncate
  BEFORE TRUNCATE ON balance_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_balance_transaction_change();

-- The stored balance equals the sum of the user's ledger rows, per currency, at every
-- commit (004 risk 4, checked by the database instead of periodically).
CREATE FUNCTION enforce_referral_balance_matches_ledger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  stored_rub numeric;
  stored_ton numeric;
  ledger_rub numeric;
  ledger_ton numeric;
BEGIN
  SELECT balance_rub, balance_ton INTO stored_rub, stored_ton
    FROM referral_balances WHERE user_id = NEW.user_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'ledger rows for user % without a referral_balances row', NEW.user_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'chk_referral_balances_matches_ledger';
  END IF;
  SELECT coalesce(sum(amount) FILTER (WHERE currency = 'RUB'), 0),
         coalesce(sum(amount) FILTER (WHERE currency = 'TON'), 0)
    INTO ledger_rub, ledger_ton
    FROM balance_transactions WHERE user_id = NEW.user_id;
  IF stored_rub <> ledger_rub OR stored_ton <> ledger_ton THEN
    RAISE EXCEPTION 'referral balance of user % (RUB %, TON %) differs from its ledger (RUB %, TON %)',
      NEW.user_id, stored_rub, stored_ton, ledger_rub, ledger_ton
      USING ERRCODE = 'check_violation', CONSTRAINT = 'chk_referral_balances_matches_ledger';
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER chk_referral_balances_matches_ledger
  AFTER INSERT OR UPDATE OF balance_rub, balance_ton ON referral_balances
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION enforce_referral_balance_matches_ledger();

CREATE CONSTRAINT TRIGGER chk_balance_transactions_matches_balance
  AFTER INSERT ON balance_transactions
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION enforce_referral_balance_matches_ledger();

-- A balance row belongs to its user for good, and cannot vanish while the ledger it
-- sums has rows (the ledger's own foreign key points at users, not at this row).
CREATE FUNCTION refuse_referral_balance_reassignment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.user_id <> OLD.user_id THEN
    RAISE EXCEPTION 'referral_balances.user_id cannot change (% -> %)', OLD.user_id, NEW.user_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'chk_referral_balances_user_fixed';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER chk_referral_balances_user_fixed
  BEFORE UPDATE OF user_id ON referral_balances
  FOR EACH ROW EXECUTE FUNCTION refuse_referral_balance_reassignment();

CREATE FUNCTION refuse_orphaned_ledger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM balance_transactions WHERE user_id = OLD.user_id) THEN
    RAISE EXCEPTION 'referral balance of user % deleted while its ledger has rows', OLD.user_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'chk_referral_balances_keeps_ledger';
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER chk_referral_balances_keeps_ledger
  AFTER DELETE ON referral_balances
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION refuse_orphaned_ledger();

CREATE INDEX idx_referral_balances_partners ON referral_balances (partner_since)
  WHERE is_partner;
-- One open application per user; a rejected user may apply again.
CREATE UNIQUE INDEX uq_partner_applications_one_pending ON partner_applications (user_id)
  WHERE status = 'PENDING';
CREATE UNIQUE INDEX uq_user_cards_one_default ON user_cards (user_id)
  WHERE is_default;

------------------------------------------------------------------------------------------
-- support
------------------------------------------------------------------------------------------
ALTER TABLE support_tickets
  ADD CONSTRAINT chk_support_tickets_number_format CHECK (ticket_number ~ '^TKT-[0-9]{4}-[0-9]{3,}$'),
  ADD CONSTRAINT chk_support_tickets_rating CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
  ADD CONSTRAINT chk_support_tickets_escalation_level CHECK (escalation_level >= 0);

ALTER TABLE support_ticket_messages
  ADD CONSTRAINT chk_support_ticket_messages_sender CHECK (
    (sender_type = 'USER' AND sender_admin_id IS NULL)
    OR (sender_type = 'OPERATOR' AND sender_user_id IS NULL)
    OR (sender_type = 'SYSTEM' AND sender_user_id IS NULL AND sender_admin_id IS NULL));

ALTER TABLE support_sla_configs
  ADD CONSTRAINT chk_support_sla_configs_first_response_positive CHECK (first_response_minutes > 0),
  ADD CONSTRAINT chk_support_sla_configs_resolution CHECK (resolution_minutes >= first_response_minutes),
  ADD CONSTRAINT chk_support_sla_configs_escalate_after_positive CHECK (escalate_after_minutes IS NULL OR escalate_after_minutes > 0);

ALTER TABLE support_operators
  ADD CONSTRAINT chk_support_operators_max_active_tickets_positive CHECK (max_active_tickets > 0);

-- The SLA job scans only tickets whose deadline can still be missed.
CREATE INDEX idx_support_tickets_first_response_due ON support_tickets (first_response_due_at)
  WHERE first_response_at IS NULL AND status NOT IN ('RESOLVED', 'CLOSED');
CREATE INDEX idx_support_tickets_resolution_due ON support_tickets (resolution_due_at)
  WHERE resolved_at IS NULL AND status NOT IN ('RESOLVED', 'CLOSED');

------------------------------------------------------------------------------------------
-- telegram
------------------------------------------------------------------------------------------
ALTER TABLE telegram_messages
  ADD CONSTRAINT chk_telegram_messages_max_attempts_positive CHECK (max_attempts > 0),
  ADD CONSTRAINT chk_telegram_messages_attempts CHECK (attempts BETWEEN 0 AND max_attempts);

ALTER TABLE telegram_broadcasts
  ADD CONSTRAINT chk_telegram_broadcasts_counts CHECK (
    total_recipients >= 0 AND sent_count >= 0 AND failed_count >= 0
    AND sent_count + failed_count <= total_recipients);

ALTER TABLE telegram_affiliate_settings
  ADD CONSTRAINT chk_telegram_affiliate_settings_commission CHECK (commission_per_mille BETWEEN 1 AND 1000),
  ADD CONSTRAINT chk_telegram_affiliate_settings_duration CHECK (duration_months IS NULL OR duration_months > 0);

-- At most one active affiliate configuration.
CREATE UNIQUE INDEX uq_telegram_affiliate_settings_one_active ON telegram_affiliate_settings ((true))
  WHERE is_active;

------------------------------------------------------------------------------------------
-- admin
------------------------------------------------------------------------------------------
ALTER TABLE admin_users
  ADD CONSTRAINT chk_admin_users_failed_login_count CHECK (failed_login_count >= 0);
ALTER TABLE system_logs
  ADD CONSTRAINT chk_system_logs_count_positive CHECK (count > 0),
  ADD CONSTRAINT chk_system_logs_seen_order CHECK (last_seen_at >= first_seen_at);
ALTER TABLE admin_alerts
  ADD CONSTRAINT chk_admin_alerts_count_positive CHECK (count > 0),
  ADD CONSTRAINT chk_admin_alerts_seen_order CHECK (last_seen_at >= first_seen_at);

CREATE INDEX idx_admin_alerts_open ON admin_alerts (last_seen_at DESC)
  WHERE resolved_at IS NULL;
