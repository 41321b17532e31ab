import nodemailer from "nodemailer";
import type { Logger } from "../../log";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/**
 * Sends through the SMTP server named by EMAIL_SERVER (an smtp:// URL), or, when none is
 * configured, writes the message — links included — to the server log so a local demo works.
 */
export function createMailer(options: { server?: string; from: string; log: Logger }): Mailer {
  if (!options.server) {
    return {
      async send(mail) {
        // Printed as plain text so the link can be copied from the console as it is.
        options.log.info({ to: mail.to, subject: mail.subject }, "email printed to the console (no EMAIL_SERVER)");
        console.log(`\n[maillage] Email to ${mail.to} — ${mail.subject}\n${mail.text}\n`);
      },
    };
  }
  const transport = nodemailer.createTransport(options.server);
  return {
    async send(mail) {
      const result = await transport.sendMail({ from: options.from, ...mail });
      const refused = [...result.rejected, ...(result.pending ?? [])];
      if (refused.length > 0) throw new Error(`SMTP server refused ${refused.length} recipient(s)`);
    },
  };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A plain, accessible HTML email with one call-to-action link. */
export function linkEmailHtml(parts: {
  heading: string;
  body: string;
  action: string;
  url: string;
  footer: string;
}): string {
  const e = escapeHtml;
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1a1a1a;line-height:1.5">
<h1 style="font-size:20px">${e(parts.heading)}</h1>
<p>${e(parts.body)}</p>
<p><a href="${e(parts.url)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">${e(parts.action)}</a></p>
<p style="font-size:13px;color:#444">${e(parts.footer)}<br>${e(parts.url)}</p>
</body></html>`;
}
