import { useForm } from '@conform-to/react';
import type { z } from 'zod';

type FormShape<S> = (S extends z.ZodType ? z.input<S> : S) extends infer T extends Record<string, unknown> ? T : never;
type ServerFormOptions<S> = Omit<Parameters<typeof useForm<FormShape<S>>>[0], 'onValidate' | 'shouldValidate' | 'shouldRevalidate'>;

/**
 * Conform's form for a schema the action checks: field errors come back from the server
 * (`submission.reply()`), in the reader's language, with or without JavaScript, and pages do not
 * download zod to check a second time in the browser (issue 13: zod was most of every form page's
 * JavaScript; docs/decisions/0009-page-javascript.md). No `shouldValidate`: without an `onValidate`,
 * Conform would send the form to the action on every blur to validate it there.
 * `S` is the schema's type (`typeof XSchema`, an `import type` or from a `.server` door) or the fields' shape.
 */
export function useServerForm<S>(options: ServerFormOptions<S>) {
  return useForm<FormShape<S>>(options);
}
