import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { AuthConfig } from '../config/auth-config.ts';

/** A message carrying one link: a password reset or an invitation. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** The link in the message; logged for the operator when no SMTP server is configured. */
  readonly link: string;
}

export interface Mailer {
  /**
   * Sends by SMTP (SMTP_URL), or without SMTP logs the link at warn level for the operator.
   * Never throws: a failed delivery is logged (without the link) and answers false.
   */
  send(mail: OutgoingMail): Promise<boolean>;
  /** Calls `listener` with every message handed over for delivery; returns the unsubscribe. */
  onSend(listener: (mail: OutgoingMail) => void): () => void;
  close(): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Sends the e-mails accounts need (reset and invitation links). */
    readonly mailer: Mailer;
  }
}

export function createMailer(auth: Pick<AuthConfig, 'smtpUrl' | 'smtpFrom'>, log: FastifyBaseLogger): Mailer {
  const smtpUrl = auth.smtpUrl;
  // Loaded on the first e-mail: most instances send few, and idle memory matters.
  let transport: Promise<Transporter> | null = null;
  const transportFor = (url: string) => {
    transport ??= import('nodemailer').then(({ createTransport }) => createTransport(url));
    return transport;
  };
  const listeners = new Set<(mail: OutgoingMail) => void>();
  return {
    async send(mail) {
      for (const listener of listeners)
        try {
          listener(mail);
        } catch {
          // An observer's failure must not stop the delivery.
        }
      if (smtpUrl === null) {
        // The one log line that carries a secret, on purpose: without SMTP it is the only way
        // the link reaches its user.
        log.warn(
          { to: mail.to, link: mail.link },
          `${mail.subject}: SMTP_URL is not set, so the link is logged here for the operator to pass on`,
        );
        return true;
      }
      try {
        await (await transportFor(smtpUrl)).sendMail({
          from: auth.smtpFrom,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
        });
        return true;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        log.error(
          { to: mail.to, code: typeof code === 'string' ? code : undefined },
          `${mail.subject}: sending failed`,
        );
        return false;
      }
    },
    onSend(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      void transport?.then((open) => open.close()).catch(() => {});
    },
  };
}

/** Gives the app its mailer (`app.mailer`), closed with the app. */
export function installMailer(app: FastifyInstance, auth: Pick<AuthConfig, 'smtpUrl' | 'smtpFrom'>): void {
  app.decorate('mailer', createMailer(auth, app.log));
  app.addHook('onClose', async () => app.mailer.close());
}
