// Expected failures of domain rules. Services throw them; the schema turns each
// into a typed error of the mutation's payload (schema/errors.ts).

export type FieldError = { field: string; message: string };

export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export class NotFoundError extends DomainError {
  readonly code = "NOT_FOUND";
  constructor(readonly entity: string, message = `${entity} not found`) {
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
  constructor(readonly fieldErrors: FieldError[], message = fieldErrors.map((e) => `${e.field}: ${e.message}`).join("; ")) {
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
