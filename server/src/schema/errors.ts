// Typed errors: every expected failure of a mutation is one of these types in its
// result union, with a stable `code` clients can switch on.
import { builder } from "../builder.ts";
import type { DomainError } from "../domain/errors.ts";
import {
  ConflictError,
  ForbiddenError,
  InvalidSignInError,
  InvalidCredentialsError,
  AccountLockedError,
  NotFoundError,
  PaymentRequiredError,
  UnauthenticatedError,
  UserBannedError,
  ValidationError,
  IdempotencyKeyReusedError,
  PaymentProviderError,
  PromoCodeError,
  type FieldError,
  type PromoCodeProblem,
} from "../domain/errors.ts";

export const ErrorInterface = builder.interfaceRef<DomainError>("Error").implement({
  description: "An expected failure. `code` is stable; `message` is for people.",
  fields: (t) => ({
    code: t.exposeString("code"),
    message: t.exposeString("message"),
  }),
});

const FieldErrorType = builder.objectRef<FieldError>("FieldError").implement({
  description: "What is wrong with one input field (`field` is its path, e.g. `input.name`).",
  fields: (t) => ({
    field: t.exposeString("field"),
    message: t.exposeString("message"),
  }),
});

const errors = [
  [NotFoundError, "NotFoundError", "The thing does not exist, or is not yours to see."],
  [ForbiddenError, "ForbiddenError", "Signed in, but not allowed to do this."],
  [UnauthenticatedError, "UnauthenticatedError", "Sign in first."],
  [UserBannedError, "UserBannedError", "The account is banned."],
  [ConflictError, "ConflictError", "The request conflicts with the current state (e.g. an idempotency key reused for another request)."],
  [PaymentRequiredError, "PaymentRequiredError", "A succeeded, unused payment is needed first."],
  [InvalidSignInError, "InvalidSignInError", "The sign-in data is not valid (bad signature, expired, malformed)."],
  [InvalidCredentialsError, "InvalidCredentialsError", "Wrong username or password."],
  [
    IdempotencyKeyReusedError,
    "IdempotencyKeyReusedError",
    "The idempotency key was already used for a different request; nothing was created.",
  ],
] as const;

for (const [cls, name, description] of errors) {
  builder.objectType(cls as typeof ConflictError, {
    name,
    description,
    interfaces: [ErrorInterface],
    isTypeOf: (value) => value instanceof cls,
    fields: () => ({}),
  });
}

builder.objectType(ValidationError, {
  name: "ValidationError",
  description: "The input is invalid; nothing was changed. `fieldErrors` says what to fix, per field.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ValidationError,
  fields: (t) => ({
    fieldErrors: t.field({ type: [FieldErrorType], resolve: (error) => error.fieldErrors }),
  }),
});

builder.objectType(AccountLockedError, {
  name: "AccountLockedError",
  description: "Too many failed sign-ins: the account is locked until `lockedUntil`.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof AccountLockedError,
  fields: (t) => ({ lockedUntil: t.expose("lockedUntil", { type: "DateTime" }) }),
});

builder.objectType(PaymentProviderError, {
  name: "PaymentProviderError",
  description: "The payment provider refused or did not answer; nothing was charged. `retryable`: worth trying again later.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof PaymentProviderError,
  fields: (t) => ({ retryable: t.exposeBoolean("retryable") }),
});

export const PromoCodeProblemType = builder.enumType("PromoCodeProblem", {
  values: ["NOT_FOUND", "INACTIVE", "NOT_YET_VALID", "EXPIRED", "EXHAUSTED", "ALREADY_USED"] as const satisfies readonly PromoCodeProblem[],
});

builder.objectType(PromoCodeError, {
  name: "PromoCodeError",
  description: "The promo code cannot be applied; `reason` says why (show it next to the code field).",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof PromoCodeError,
  fields: (t) => ({ reason: t.field({ type: PromoCodeProblemType, resolve: (error) => error.reason }) }),
});
