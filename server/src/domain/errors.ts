// Expected failures of domain rules. Services throw them; the schema turns each
// into a typed error of the mutation's payload (schema/errors.ts).

export type FieldError = { field: string; message: string };

export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export class NotFoundError extends DomainError {
  readonly code = "NOT_FOUND";
  constructor(
    readonly entity: string,
    message = `${entity} not found`,
  ) {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = "FORBIDDEN";
  constructor(message = "You may not do this") {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = "UNAUTHENTICATED";
  constructor(message = "Sign in first") {
    super(message);
  }
}

export class UserBannedError extends DomainError {
  readonly code = "USER_BANNED";
  constructor(readonly reason: string | null) {
    super(reason ? `This account is banned: ${reason}` : "This account is banned");
  }
}

export class ValidationError extends DomainError {
  readonly code = "VALIDATION_FAILED";
  constructor(
    readonly fieldErrors: FieldError[],
    message = fieldErrors.map((e) => `${e.field}: ${e.message}`).join("; "),
  ) {
    super(message || "Invalid input");
  }

  static of(field: string, message: string) {
    return new ValidationError([{ field, message }]);
  }
}

export class ConflictError extends DomainError {
  readonly code = "CONFLICT";
}

export class PaymentRequiredError extends DomainError {
  readonly code = "PAYMENT_REQUIRED";
  constructor(message = "A paid, unused payment is needed first") {
    super(message);
  }
}

export class InvalidSignInError extends DomainError {
  readonly code = "INVALID_SIGN_IN";
}

export class InvalidCredentialsError extends DomainError {
  readonly code = "INVALID_CREDENTIALS";
  constructor() {
    super("Wrong username or password");
  }
}

export class AccountLockedError extends DomainError {
  readonly code = "ACCOUNT_LOCKED";
  constructor(readonly lockedUntil: Date) {
    super(`Too many failed sign-ins; try again after ${lockedUntil.toISOString()}`);
  }
}

export class RateLimitedError extends DomainError {
  readonly code = "RATE_LIMITED";
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests; retry in ${retryAfterSeconds} s`);
  }
}

/** A Prisma unique-constraint violation (P2002): a code, key or name already in use. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

/** An idempotency key sent again with a different request: nothing was created. */
export class IdempotencyKeyReusedError extends DomainError {
  readonly code = "IDEMPOTENCY_KEY_REUSED";
  constructor(message = "This idempotency key was already used for a different request; use a new key") {
    super(message);
  }
}

export type PromoCodeProblem = "NOT_FOUND" | "INACTIVE" | "NOT_YET_VALID" | "EXPIRED" | "EXHAUSTED" | "ALREADY_USED";

const PROMO_MESSAGES: Record<PromoCodeProblem, string> = {
  NOT_FOUND: "There is no such promo code",
  INACTIVE: "This promo code is no longer active",
  NOT_YET_VALID: "This promo code is not valid yet",
  EXPIRED: "This promo code has expired",
  EXHAUSTED: "This promo code has been used up",
  ALREADY_USED: "You have already used this promo code",
};

/** A promo code that cannot be applied; `reason` says why. */
export class PromoCodeError extends DomainError {
  readonly code = "PROMO_CODE_INVALID";
  constructor(readonly reason: PromoCodeProblem) {
    super(PROMO_MESSAGES[reason]);
  }
}

/** A payment provider refused or did not answer; nothing was charged. */
export class PaymentProviderError extends DomainError {
  readonly code = "PAYMENT_PROVIDER_FAILED";
  constructor(
    readonly provider: string,
    message: string,
    /** Worth trying again later (timeouts, 5xx, rate limits) rather than a refusal. */
    readonly retryable = false,
  ) {
    super(message);
  }
}
