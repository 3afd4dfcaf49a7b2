import type { MessageKey } from './index';

// Turning message keys into text, for both sides: the server (app/i18n/index.ts holds both
// languages) and the page, which holds only the reader's (app/i18n/load-messages.ts). No messages
// here: a module a page imports must not carry a catalogue (issue 13).

/** One language's messages, every key present (each area's `en` is typed against its `zh`). */
export type Messages = Record<MessageKey, string>;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A key found in neither table comes back as itself: how translateKey and translateError tell keys from text. */
export function translatorOf(messages: Messages, fallback?: Messages): Translate {
  return (key, params) => {
    let text = messages[key] ?? fallback?.[key] ?? key;
    if (params) for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, String(value));
    return text;
  };
}

/** `key` in the reader's language when it is a message key, else `otherwise` (e.g. an audit action without a message). */
export function translateKey(t: Translate, key: string, otherwise: string = key): string {
  const text = t(key as MessageKey);
  return text === key ? otherwise : text;
}

/** Translates a validation error that is a message key (schemas carry keys, not text); other text passes through. */
export function translateError(t: Translate, error: string): string {
  const [key = '', ...rest] = error.split('|');
  const params: Record<string, string> = {};
  for (const pair of rest) {
    const [name, value] = pair.split('=');
    if (name && value !== undefined) params[name] = value;
  }
  const text = t(key as MessageKey, params);
  return text === key ? error : text;
}
