import { HONEYPOT_FIELD } from '~/components/honeypot';

/** Whether a form came with the honeypot filled (a bot): the action then refuses without saying so. */
export function honeypotFilled(formData: FormData): boolean {
  const value = formData.get(HONEYPOT_FIELD);
  return typeof value === 'string' && value.trim() !== '';
}
