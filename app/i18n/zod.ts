import { z } from 'zod';

/**
 * Schemas carry message *keys*, not text, so one schema serves both languages: the action's reply
 * carries the keys and the form renders each with the reader's translator (translateError in
 * app/i18n/translate.ts). Schemas run on the server only: pages do not download zod (issue 13,
 * docs/decisions/0009-page-javascript.md). Parameters ride after a '|' (e.g. 'errors.tooLong|max=80').
 * This default map covers zod's built-in checks; schemas add their own keys where the
 * generic wording would be vague.
 */
z.config({
  customError(issue) {
    switch (issue.code) {
      case 'invalid_type':
        if (issue.input === undefined || issue.input === null || issue.input === '') return 'errors.required';
        if (issue.expected === 'number' || issue.expected === 'int') return 'errors.number';
        return 'errors.invalid';
      case 'too_small':
        if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'errors.required' : `errors.tooShort|min=${issue.minimum}`;
        if (issue.origin === 'array' || issue.origin === 'set') return `errors.tooFew|min=${issue.minimum}`;
        return `errors.tooSmall|min=${issue.minimum}`;
      case 'too_big':
        if (issue.origin === 'string') return `errors.tooLong|max=${issue.maximum}`;
        if (issue.origin === 'array' || issue.origin === 'set') return `errors.tooMany|max=${issue.maximum}`;
        return `errors.tooBig|max=${issue.maximum}`;
      case 'invalid_format':
        if (issue.format === 'email') return 'errors.email';
        if (issue.format === 'url') return 'errors.url';
        return 'errors.invalid';
      case 'invalid_value':
        return 'errors.choice';
      default:
        return 'errors.invalid';
    }
  },
});

export { z };
