// The abuse limits (issue 11, "Abuse and sessions"): how many of each action one account, address
// or API key may do in a window, before the answer is 429 with Retry-After. One table, read by the
// limiter (app/utils/rate-limit.server.ts) and described in the README ("Limits and sessions").
//
// Fixed windows: the first counted action opens a window of `seconds`; the (points + 1)-th action
// inside it is refused until the window ends. Login counts only failures, per account strictly and
// per address loosely, so one office behind one NAT address is not locked out by a colleague's typos
// while a password guesser is stopped on each account it tries (OWASP Authentication Cheat Sheet,
// "Protect against automated attacks").

export interface RateLimit {
  /** Actions allowed in one window. */
  points: number;
  /** Length of the window in seconds. */
  seconds: number;
}

export const RATE_LIMITS = {
  /** Failed logins per account (email), from any address. */
  loginAccount: { points: 10, seconds: 15 * 60 },
  /** Failed logins per client address, over all accounts. */
  loginAddress: { points: 100, seconds: 15 * 60 },
  /** Sign-ups (SME or provider) per client address. */
  signupAddress: { points: 10, seconds: 60 * 60 },
  /** Password change attempts per account (each one checks the current password). */
  passwordChange: { points: 10, seconds: 15 * 60 },
  /** Reset mails per account (email) — also stops mail-bombing one address. */
  resetMailAccount: { points: 3, seconds: 60 * 60 },
  /** "Forgot password" and "set a new password" forms per client address. */
  resetAddress: { points: 20, seconds: 60 * 60 },
  /** New requests (询价) per SME account or API key, pages and API together. */
  requestCreate: { points: 20, seconds: 60 * 60 },
  /** Messages in request threads per account or API key, pages and API together. */
  requestMessage: { points: 60, seconds: 60 * 60 },
  /** API calls per API key (all endpoints); the default of API_KEY_RATE_LIMIT. */
  apiKey: { points: 1200, seconds: 60 },
} as const satisfies Record<string, RateLimit>;

export type RateLimitName = keyof typeof RATE_LIMITS;

/** Whole seconds to wait, for Retry-After (RFC 9110 §10.2.3): at least 1 while refused. */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

/** The wait in whole minutes, for messages ("try again in N minutes"): at least 1. */
export function retryAfterMinutes(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 60_000));
}
