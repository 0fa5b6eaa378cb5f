// Typed errors: every expected failure of a mutation is one of these types in its
// result union, with a stable `code` clients can switch on.
import { builder } from "../builder.ts";
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidSignInError,
  InvalidCredentialsError,
  AccountLockedError,
  NotFoundError,
  PaymentRequiredError,
  UnauthenticatedError,
  UserBannedError,
  ValidationError,
  type FieldError,
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
