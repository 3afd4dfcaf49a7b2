/**
 * `npm run user:create -- --role official --prefecture 5101 --email x@y.z [--name 名字]`
 * `npm run user:create -- --role official --province --email x@y.z`
 * `npm run user:create -- --role admin --email x@y.z`
 *
 * Creates an official (with scope) or an administrator with a one-time password, printed on
 * the last line so it can be piped; the user must change it after the first login. This is
 * how the first administrator of a fresh installation is made.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openDatabase } from '../db/client.server';
import { runMigrations } from '../db/migrate';
import { createStaffUser } from '../app/models/accounts.server';
import { isPrefectureCode, prefectureName } from '../app/domain/prefectures';
import { databasePath, loadDotEnv } from '../app/utils/env.server';

const USAGE = `Usage:
  npm run user:create -- --role official --prefecture CODE --email EMAIL [--name NAME]
  npm run user:create -- --role official --province --email EMAIL [--name NAME]
  npm run user:create -- --role admin --email EMAIL [--name NAME]
CODE is a 市州 code such as 5101 (成都市); see app/domain/prefectures.ts.`;

const ArgsSchema = z
  .object({
    role: z.enum(['official', 'admin'], { error: '--role must be "official" or "admin"' }),
    email: z
      .string({ error: '--email is required' })
      .trim()
      .toLowerCase()
      .pipe(
        z.email({ error: (issue) => `--email ${JSON.stringify(issue.input)} is not a valid email address` }),
      ),
    name: z
      .string()
      .trim()
      .min(1, { error: '--name must not be empty' })
      .max(50, { error: '--name is at most 50 characters' })
      .optional(),
    prefecture: z
      .string()
      .refine(isPrefectureCode, {
        error: (issue) =>
          `--prefecture ${JSON.stringify(issue.input)} is not a Sichuan prefecture code (e.g. 5101)`,
      })
      .optional(),
    province: z.boolean().default(false),
  })
  .superRefine((args, ctx) => {
    if (args.role === 'official' && Boolean(args.prefecture) === args.province) {
      ctx.addIssue({
        code: 'custom',
        message: 'an official needs exactly one of --prefecture CODE or --province',
      });
    }
    if (args.role === 'admin' && (args.prefecture || args.province)) {
      ctx.addIssue({
        code: 'custom',
        message: 'an admin has no scope: leave out --prefecture and --province',
      });
    }
  });

class UsageError extends Error {}

function readArgs(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: 'string' },
        prefecture: { type: 'string' },
        province: { type: 'boolean' },
        email: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return null;
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('\n'));
  return parsed.data;
}

async function main(argv: string[]): Promise<number> {
  const args = readArgs(argv);
  if (!args) {
    console.log(USAGE);
    return 0;
  }
  loadDotEnv();
  const file = databasePath();
  const db = openDatabase(file);
  try {
    runMigrations(db);
    const prefecture = args.role === 'official' && args.prefecture ? args.prefecture : null;
    const result = await createStaffUser(db, {
      email: args.email,
      displayName: args.name ?? args.email.split('@')[0] ?? args.email,
      role: args.role,
      prefecture,
      actorUserId: null,
    });
    if (!result.ok) throw new UsageError(`a user with the email ${args.email} already exists`);
    const scope =
      args.role === 'admin'
        ? ''
        : prefecture
          ? ` for ${prefecture} ${prefectureName(prefecture, 'zh-CN')}`
          : ' for the whole province (全省)';
    console.log(`Created ${args.role} ${args.email}${scope} in ${file}.`);
    console.log(
      'One-time password (shown only now; hand it over securely, the user must change it after the first login):',
    );
    console.log(result.oneTimePassword);
    return 0;
  } finally {
    db.$client.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`user:create: ${error.message}\n\n${USAGE}`);
    else console.error(error);
    process.exitCode = 1;
  },
);
