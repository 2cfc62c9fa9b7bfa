// A form view's own settings, kept in the view's `meta`: heading, subheading, the thank-you
// message and whether to offer "submit another response".
export interface FormSettings {
  readonly heading: string;
  readonly subheading: string;
  readonly success_msg: string;
  readonly submit_another_form: boolean;
}

/** The thank-you message when the form sets none (the server's too). */
export const defaultThanks = 'Thank you for submitting the form!';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function formSettingsOf(meta: Record<string, unknown> | null | undefined): FormSettings {
  return {
    heading: text(meta?.heading),
    subheading: text(meta?.subheading),
    success_msg: text(meta?.success_msg),
    submit_another_form: meta?.submit_another_form === true,
  };
}
