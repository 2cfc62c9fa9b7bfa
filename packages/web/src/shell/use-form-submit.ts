// The busy flag and error message of a form that calls the server on submit: the button is
// disabled while the call runs and a failure's message is shown in the form.
import { type FormEvent, useState } from 'react';

export interface FormSubmitOptions {
  /** What to show for a failure (null: nothing); by default its message. */
  failureMessage?(error: unknown): string | null;
  /** Keeps the form busy after a success (it is about to be replaced, e.g. by the signed-in app). */
  readonly busyAfterSuccess?: boolean;
}

export interface FormSubmit {
  readonly busy: boolean;
  readonly error: string | null;
  /** An onSubmit handler running `action`; throw an Error in it to refuse with its message. */
  onSubmit(action: () => Promise<void>): (event: FormEvent) => Promise<void>;
}

export function useFormSubmit(options: FormSubmitOptions = {}): FormSubmit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = (action: () => Promise<void>) => async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
      if (!options.busyAfterSuccess) setBusy(false);
    } catch (err) {
      setError(options.failureMessage ? options.failureMessage(err) : (err as Error).message);
      setBusy(false);
    }
  };
  return { busy, error, onSubmit };
}
