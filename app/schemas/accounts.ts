import { z } from '~/i18n/zod';
import {
  certificationsField,
  emailField,
  employeesField,
  industryField,
  newPasswordField,
  phoneField,
  prefectureField,
  providerLocationField,
  revenueWanField,
  urlField,
  usccField,
} from './fields';

export const LoginSchema = z.object({
  email: emailField,
  password: z.string().min(1).max(200),
  redirectTo: z.string().optional(),
});

/**
 * A ticked checkbox (a browser sends 'on'; Conform reads it as true). Unticked, the field is absent:
 * one message for both cases, which names what to do.
 */
export const consentField = (message: string) => z.boolean({ error: message }).refine((v) => v, message);

const accountFields = {
  email: emailField,
  displayName: z.string().trim().min(1).max(50),
  password: newPasswordField,
  passwordConfirm: z.string().min(1),
  /** 我已阅读并同意《隐私声明》: required; the version in force is stored with the account. */
  acceptPrivacy: consentField('privacy.mustAccept'),
};

// Checked even when other fields are invalid (zod skips object refinements by default), so
// every error shows on the first submit.
const passwordsMatch: [
  (data: { password: string; passwordConfirm: string }) => boolean,
  { path: string[]; message: string; when: (payload: { value: unknown }) => boolean },
] = [
  (data) => data.password === data.passwordConfirm,
  {
    path: ['passwordConfirm'],
    message: 'signup.passwordMismatch',
    when: (payload: { value: unknown }) => {
      const v = payload.value as { password?: unknown; passwordConfirm?: unknown } | undefined;
      return typeof v?.password === 'string' && typeof v?.passwordConfirm === 'string';
    },
  },
];

export const EnterpriseProfileSchema = z.object({
  uscc: usccField,
  name: z.string().trim().min(2).max(100),
  prefecture: prefectureField,
  industry: industryField,
  employees: employeesField,
  revenueWan: revenueWanField,
});

export const SmeSignupSchema = z.object({ ...accountFields, ...EnterpriseProfileSchema.shape }).refine(...passwordsMatch);
export type SmeSignup = z.output<typeof SmeSignupSchema>;

/** The editable part of an enterprise (the USCC is its identity and is not edited). */
export const EnterpriseEditSchema = EnterpriseProfileSchema.omit({ uscc: true });

export const ProviderProfileSchema = z.object({
  uscc: usccField,
  nameZh: z.string().trim().min(2).max(100),
  nameEn: z.string().trim().max(120).optional(),
  prefecture: providerLocationField,
  certifications: certificationsField,
  website: urlField.optional(),
  contactName: z.string().trim().min(1).max(50),
  contactEmail: emailField,
  contactPhone: phoneField,
});

export const ProviderSignupSchema = z
  .object({ ...accountFields, ...ProviderProfileSchema.omit({ contactName: true, contactEmail: true }).shape, contactPhone: phoneField })
  .refine(...passwordsMatch);
export type ProviderSignup = z.output<typeof ProviderSignupSchema>;

export const ProviderEditSchema = ProviderProfileSchema.omit({ uscc: true });

export const CreateOfficialSchema = z.object({
  email: emailField,
  displayName: z.string().trim().min(1).max(50),
  role: z.enum(['official', 'admin']),
  /** 'province' or a prefecture code. */
  scope: z.string().refine((s) => s === 'province' || /^51\d\d$/.test(s), 'errors.choice'),
});

export const ChangePasswordSchema = z
  .object({ currentPassword: z.string().min(1).max(200), password: newPasswordField, passwordConfirm: z.string().min(1) })
  .refine(...passwordsMatch);

export const ForgotPasswordSchema = z.object({ email: emailField });

/** The reset link's token: 32 random bytes in base64url (app/models/password-reset.server.ts). */
export const ResetTokenField = z.string().trim().regex(/^[\w-]{20,100}$/);

export const ResetPasswordSchema = z
  .object({ token: ResetTokenField, password: newPasswordField, passwordConfirm: z.string().min(1) })
  .refine(...passwordsMatch);
