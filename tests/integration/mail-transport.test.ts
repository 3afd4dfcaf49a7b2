import { afterEach, describe, expect, it } from 'vitest';
import {
  describeSmtpUrl,
  logTransport,
  MailSendError,
  mailTransportFor,
  smtpTransport,
  type MailLogger,
} from '../../app/models/mail-transport.server';
import { closedPort, startSmtpServer, type TestSmtpServer } from './mail-fixtures';

// The mail adapter against a real SMTP server started here (smtp-server on a free port): what
// nodemailer puts on the wire is parsed back as a mail client would, so the Chinese subject and
// body, the sender and the recipient are checked as they arrive, not as we meant to send them.

const FROM = '云桥 <no-reply@yunqiao.localhost>';
let server: TestSmtpServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

describe('SMTP transport (nodemailer)', () => {
  it('delivers a Chinese mail to the recipient with its subject, body and absolute link intact', async () => {
    server = await startSmtpServer();
    const transport = smtpTransport(server.url, FROM);
    await transport.send({
      to: '王经理 <wang@example.cn>',
      subject: '云桥 · 您的询价有了新回复',
      text: '成都云智科技回复了您关于“设备联网平台”的询价。\n\nhttps://yunqiao.example.cn/enterprise/requests/abc\n',
    });
    transport.close();

    expect(server.received).toHaveLength(1);
    const [mail] = server.received;
    expect(mail!.envelope).toEqual({ from: 'no-reply@yunqiao.localhost', to: ['wang@example.cn'] });
    expect(mail!.parsed.from).toMatchObject({ name: '云桥', address: 'no-reply@yunqiao.localhost' });
    expect(mail!.parsed.to).toEqual([
      expect.objectContaining({ address: 'wang@example.cn', name: '王经理' }),
    ]);
    expect(mail!.parsed.subject).toBe('云桥 · 您的询价有了新回复');
    expect(mail!.parsed.text).toContain('成都云智科技回复了您关于“设备联网平台”的询价。');
    expect(mail!.parsed.text).toContain('https://yunqiao.example.cn/enterprise/requests/abc');
    // Headers are 7-bit on the wire: the Chinese subject travels as an RFC 2047 encoded word.
    expect(mail!.raw).toMatch(/^Subject: =\?UTF-8\?/im);
    expect(mail!.raw).toMatch(/charset=utf-8/i);
  });

  it('logs in with the credentials of SMTP_URL, percent-decoded', async () => {
    server = await startSmtpServer({ auth: { user: 'yunqiao@example.cn', pass: 'p@ss:w/rd' } });
    expect(server.url).toContain('yunqiao%40example.cn:p%40ss%3Aw%2Frd@');
    const transport = smtpTransport(server.url, FROM);
    await transport.send({ to: 'a@example.cn', subject: '测试', text: '正文' });
    transport.close();
    expect(server.received).toHaveLength(1);
  });

  it('fails (to be retried) when the credentials are wrong', async () => {
    server = await startSmtpServer({ auth: { user: 'yunqiao', pass: 'right' } });
    const transport = smtpTransport(server.url.replace('right', 'wrong'), FROM);
    const error = await transport.send({ to: 'a@example.cn', subject: '测试', text: '正文' }).catch((e) => e);
    transport.close();
    expect(error).toBeInstanceOf(MailSendError);
    expect(error.permanent).toBe(false);
    expect(server.received).toHaveLength(0);
  });

  it('speaks TLS from the first byte with smtps://', async () => {
    server = await startSmtpServer({ secure: true });
    expect(server.url.startsWith('smtps://')).toBe(true);
    const transport = smtpTransport(server.url, FROM);
    await transport.send({ to: 'tls@example.cn', subject: '加密连接', text: '经 TLS 送达' });
    transport.close();
    expect(server.received.map((m) => m.parsed.text?.trim())).toEqual(['经 TLS 送达']);
  });

  it('reports a temporary refusal (4xx) as a failure worth retrying', async () => {
    server = await startSmtpServer({ onMessage: () => ({ code: 451, message: 'Try again later' }) });
    const transport = smtpTransport(server.url, FROM);
    const error = await transport.send({ to: 'a@example.cn', subject: '测试', text: '正文' }).catch((e) => e);
    transport.close();
    expect(error).toBeInstanceOf(MailSendError);
    expect(error.permanent).toBe(false);
    expect(error.message).toMatch(/451/);
  });

  it('reports a refused recipient (550) as permanent', async () => {
    server = await startSmtpServer({ unknownRecipients: ['nobody@example.cn'] });
    const transport = smtpTransport(server.url, FROM);
    const error = await transport
      .send({ to: 'nobody@example.cn', subject: '测试', text: '正文' })
      .catch((e) => e);
    transport.close();
    expect(error).toBeInstanceOf(MailSendError);
    expect(error.permanent).toBe(true);
  });

  it('reports a server that is not there as a failure worth retrying', async () => {
    const transport = smtpTransport(`smtp://127.0.0.1:${await closedPort()}`, FROM);
    const error = await transport.send({ to: 'a@example.cn', subject: '测试', text: '正文' }).catch((e) => e);
    transport.close();
    expect(error).toBeInstanceOf(MailSendError);
    expect(error.permanent).toBe(false);
  });
});

describe('log transport', () => {
  function memoryLog() {
    const lines: { obj: Record<string, unknown>; msg: string }[] = [];
    const log: MailLogger = { info: (obj, msg) => lines.push({ obj, msg }) };
    return { log, lines };
  }

  it('writes one line with the recipient, subject and whole body', async () => {
    const { log, lines } = memoryLog();
    const transport = logTransport(log, FROM);
    await transport.send({
      to: 'li@example.cn',
      subject: '云桥 · 收到新报价',
      text: '请查看：http://localhost:3000/x',
    });
    expect(lines).toEqual([
      {
        msg: 'mail to li@example.cn: 云桥 · 收到新报价',
        obj: {
          mail: {
            from: FROM,
            to: 'li@example.cn',
            subject: '云桥 · 收到新报价',
            text: '请查看：http://localhost:3000/x',
          },
        },
      },
    ]);
  });

  it('is chosen when SMTP_URL is unset; SMTP is chosen when it is set', () => {
    const { log } = memoryLog();
    expect(mailTransportFor({ MAIL_FROM: FROM }, log).kind).toBe('log');
    const smtp = mailTransportFor({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: FROM }, log);
    expect(smtp.kind).toBe('smtp');
    smtp.close();
  });

  it('names the SMTP server without its credentials for the start-up line', () => {
    expect(describeSmtpUrl('smtps://user:secret@mail.example.cn:465')).toBe('smtps://mail.example.cn:465');
    expect(describeSmtpUrl('smtp://mail.example.cn')).toBe('smtp://mail.example.cn');
  });
});
