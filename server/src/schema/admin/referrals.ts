// Admin referrals: withdrawals, the ledger and balances, referrals and earnings, partners and
// payout cards. Staff (VIEWER included) read every list; ADMIN alone changes anything, audited.
import "./referrals/withdrawals.ts";
import "./referrals/ledger-and-balances.ts";
import "./referrals/referrals-and-earnings.ts";
import "./referrals/partners-and-cards.ts";
