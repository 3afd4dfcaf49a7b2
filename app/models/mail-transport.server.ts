/**
 * How a mail leaves Yunqiao: one interface, two transports. With SMTP_URL set, nodemailer sends it
 * over SMTP; without it (development, tests, a demo machine) the mail is written to the log, so
 * nothing is lost and nobody is mailed by accident. The outbox worker (mail.server.ts) calls
 * `send` once per mail and records the result.
 */
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  /** Plain text; links in it are absolute already. */
  text: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'log';
  /** Resolves once the mail is accepted (by the SMTP server, or written to the log); rejects otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** The logger the server already has (pino): `info(object, message)`. */
export interface MailLogger {
  info(obj: Record<string, unknown>, msg: string): void;
}

/** A failed delivery: `permanent` when retrying cannot help (the server refused the address itself). */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

// Bounded waits so one unreachable or stalled server cannot hold the outbox worker for minutes
// (nodemailer's defaults are 2 min to connect and 10 min of socket inactivity).
const SMTP_TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
  dnsTimeout: 10_000,
};

/**
 * nodemailer over SMTP. `url` is SMTP_URL: smtp:// upgrades with STARTTLS when the server offers it,
 * smtps:// is TLS from the start; credentials are percent-encoded in the URL; nodemailer options can
 * be added as query parameters (e.g. `?tls.rejectUnauthorized=false` for a test relay).
 */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS });
  return {
    kind: 'smtp',
    async send(mail) {
      try {
        await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
      } catch (error) {
        throw toSendError(error);
      }
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * SMTP reply codes 5xx are permanent failures (RFC 5321 §4.2.1), 4xx transient. Only a refused
 * recipient (nodemailer's EENVELOPE with a 5xx reply, e.g. 550 no such mailbox) is given up at
 * once: it concerns this one address. A 5xx for anything else (authentication, the sender, the
 * message) is usually the configuration, which an operator can fix, so those mails are retried.
 */
function toSendError(error: unknown): MailSendError {
  const e = error as { message?: string; code?: string; responseCode?: number };
  const message = e?.message ?? String(error);
  const permanent = e?.code === 'EENVELOPE' && typeof e.responseCode === 'number' && e.responseCode >= 500;
  return new MailSendError(message, permanent);
}

/** Development: the mail is written to the log (to, subject and the whole body, links included). */
export function logTransport(log: MailLogger, from: string): MailTransport {
  return {
    kind: 'log',
    async send(mail) {
      log.info(
        { mail: { from, to: mail.to, subject: mail.subject, text: mail.text } },
        `mail to ${mail.to}: ${mail.subject}`,
      );
    },
    close() {},
  };
}

/** The transport the environment asks for: SMTP when SMTP_URL is set, else the log. */
export function mailTransportFor(
  config: { SMTP_URL?: string | undefined; MAIL_FROM: string },
  log: MailLogger,
): MailTransport {
  return config.SMTP_URL
    ? smtpTransport(config.SMTP_URL, config.MAIL_FROM)
    : logTransport(log, config.MAIL_FROM);
}

/** Where SMTP_URL points, for a start-up line: host and port only, never its credentials. */
export function describeSmtpUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
}
