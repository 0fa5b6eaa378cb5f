// Typed errors from result unions: every error type implements `Error { code message }`,
// and ValidationError adds `fieldErrors { field message }` (fields as `input.name`).

interface ErrorLike {
  __typename?: string;
  message?: string;
  fieldErrors?: ReadonlyArray<{ field: string; message: string }>;
}

export interface FormErrors {
  /** Messages by field, without the `input.` prefix (`name`, `files`, …). */
  fields: Record<string, string>;
  /** A message that belongs to no field (a conflict, a missing payment, …). */
  form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

/** The errors of a mutation result that is not `successTypename`, shaped for a form. */
export function formErrorsOf(result: ErrorLike | null | undefined, successTypename: string): FormErrors {
  if (!result || result.__typename === successTypename) return NO_ERRORS;
  const fields: Record<string, string> = {};
  for (const { field, message } of result.fieldErrors ?? []) {
    fields[field.replace(/^input\./, "")] ??= message;
  }
  const unplaced = result.fieldErrors?.length ? null : (result.message ?? "Something went wrong");
  return { fields, form: unplaced };
}
