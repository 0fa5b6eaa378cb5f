// A labelled form field with its error message next to it.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { FieldMessage } from "./states.tsx";

interface FieldProps {
  label: string;
  error?: string | null;
  hint?: ReactNode;
}

function useFieldIds(error: string | null | undefined) {
  const id = useId();
  return { id, errorId: `${id}-error`, describedBy: error ? `${id}-error` : undefined };
}

export function TextField({ label, error, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const { id, errorId, describedBy } = useFieldIds(error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {hint && <p className="hint">{hint}</p>}
      <FieldMessage id={errorId} message={error} />
    </div>
  );
}

export function TextAreaField({ label, error, hint, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { id, errorId, describedBy } = useFieldIds(error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {hint && <p className="hint">{hint}</p>}
      <FieldMessage id={errorId} message={error} />
    </div>
  );
}

export function SelectField({ label, error, hint, children, ...select }: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const { id, errorId, describedBy } = useFieldIds(error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...select}>
        {children}
      </select>
      {hint && <p className="hint">{hint}</p>}
      <FieldMessage id={errorId} message={error} />
    </div>
  );
}
