import type { AddressInfo } from 'node:net';
import PostalMime, { type Email } from 'postal-mime';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';

// A real SMTP server (the smtp-server package) on a free loopback port, for the mail tests: what
// nodemailer sends goes over a socket and is parsed back as a mail client would (postal-mime).

export interface ReceivedMail {
  /** The SMTP envelope: MAIL FROM and RCPT TO, as the server saw them. */
  envelope: { from: string | null; to: string[] };
  raw: string;
  parsed: Email;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** How many DATA commands arrived (accepted or not). */
  attempts: number;
  close(): Promise<void>;
}

type Reply = { code: number; message: string } | null;

export interface TestSmtpOptions {
  /** Answer to each message's end of DATA: null accepts it; e.g. { code: 451 } refuses it for now. */
  onMessage?: (session: SMTPServerSession, attempt: number) => Reply;
  /** Recipients refused at RCPT TO with 550. */
  unknownRecipients?: string[];
  /** Credentials the server requires (AUTH PLAIN/LOGIN over plain TCP, allowed here for the test). */
  auth?: { user: string; pass: string };
  /** TLS from the first byte (smtps://) with smtp-server's built-in test certificate. */
  secure?: boolean;
}

function smtpError(reply: { code: number; message: string }) {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

export async function startSmtpServer(opts: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let attempts = 0;
  const options: SMTPServerOptions = {
    logger: false,
    secure: opts.secure ?? false,
    // No STARTTLS on the plain server: the built-in certificate would not be trusted by the client.
    disabledCommands: opts.secure ? [] : ['STARTTLS'],
    authOptional: !opts.auth,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass)
        return callback(null, { user: auth.username });
      return callback(smtpError({ code: 535, message: 'Authentication failed' }));
    },
    onRcptTo(address, _session, callback) {
      if (opts.unknownRecipients?.includes(address.address))
        return callback(smtpError({ code: 550, message: 'No such mailbox' }));
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        attempts++;
        const reply = opts.onMessage?.(session, attempts) ?? null;
        if (reply) return callback(smtpError(reply));
        const raw = Buffer.concat(chunks).toString('utf8');
        void PostalMime.parse(raw).then(
          (parsed) => {
            received.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              raw,
              parsed,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  };
  const server = new SMTPServer(options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const scheme = opts.secure ? 'smtps' : 'smtp';
  const credentials = opts.auth
    ? `${encodeURIComponent(opts.auth.user)}:${encodeURIComponent(opts.auth.pass)}@`
    : '';
  return {
    url: `${scheme}://${credentials}127.0.0.1:${port}${opts.secure ? '?tls.rejectUnauthorized=false' : ''}`,
    port,
    received,
    get attempts() {
      return attempts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port with nothing listening (connections are refused at once). */
export async function closedPort(): Promise<number> {
  const net = await import('node:net');
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
