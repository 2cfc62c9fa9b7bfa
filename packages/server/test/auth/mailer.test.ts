// The mailer: by SMTP when SMTP_URL is set (here a minimal SMTP server on a local port), else
// one warn line with the link for the operator; a failed delivery is logged without the link.
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, type OutgoingMail } from '../../src/auth/mailer.ts';

const mail: OutgoingMail = {
  to: 'reader@example.com',
  subject: 'Reset your Tessera password',
  text: 'Open https://tessera.example/auth/password/reset?token=SECRET123 to continue',
  link: 'https://tessera.example/auth/password/reset?token=SECRET123',
};

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const app = Fastify({
    logger: { level: 'info', stream: { write: (line: string) => lines.push(JSON.parse(line)) } },
  });
  return { log: app.log, lines };
}

/** Just enough SMTP to accept one message at a time; keeps what each DATA carried. */
function smtpServer(): { server: Server; messages: string[] } {
  const messages: string[] = [];
  const server = createServer((socket) => {
    let inData = false;
    let data = '';
    let buffer = '';
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(data);
            data = '';
            socket.write('250 queued\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 test\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return { server, messages };
}

describe('mailer', () => {
  const smtp = smtpServer();
  let port = 0;

  beforeAll(async () => {
    smtp.server.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    port = (smtp.server.address() as { port: number }).port;
  });
  afterAll(() => {
    smtp.server.close();
  });

  it('without SMTP_URL logs one warn line with the recipient and the link', async () => {
    const { log, lines } = capturedLogger();
    const mailer = createMailer({ smtpUrl: null, smtpFrom: 'Tessera <no-reply@localhost>' }, log);
    const seen: OutgoingMail[] = [];
    mailer.onSend((m) => seen.push(m));
    expect(await mailer.send(mail)).toBe(true);
    expect(seen).toEqual([mail]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, to: mail.to, link: mail.link });
    expect(String(lines[0]?.msg)).toContain('SMTP_URL is not set');
  });

  it('with SMTP_URL delivers the message by SMTP and logs nothing', async () => {
    const { log, lines } = capturedLogger();
    const mailer = createMailer(
      { smtpUrl: `smtp://127.0.0.1:${port}`, smtpFrom: 'Tessera <ops@example.com>' },
      log,
    );
    try {
      expect(await mailer.send(mail)).toBe(true);
    } finally {
      mailer.close();
    }
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toContain('To: reader@example.com');
    expect(smtp.messages[0]).toContain('From: Tessera <ops@example.com>');
    expect(smtp.messages[0]).toContain('Subject: Reset your Tessera password');
    expect(smtp.messages[0]).toContain('SECRET123');
    expect(lines).toEqual([]);
  });

  it('answers false when the SMTP server cannot be reached, and logs it without the link', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const closedPort = (closed.address() as { port: number }).port;
    closed.close();
    await once(closed, 'close');
    const { log, lines } = capturedLogger();
    const mailer = createMailer(
      { smtpUrl: `smtp://127.0.0.1:${closedPort}`, smtpFrom: 'x@example.com' },
      log,
    );
    try {
      expect(await mailer.send(mail)).toBe(false);
    } finally {
      mailer.close();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, to: mail.to });
    expect(JSON.stringify(lines)).not.toContain('SECRET123');
  });
});
