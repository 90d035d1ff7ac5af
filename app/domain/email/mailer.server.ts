import nodemailer, { type Transporter } from "nodemailer";

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  ics?: { filename: string; content: string } | null;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** nodemailer over the SMTP server named by SMTP_URL (smtp:// or smtps://, credentials in the URL). */
export function createSmtpMailer(smtpUrl: string): Mailer {
  const transport: Transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        // An .ics attachment (METHOD:PUBLISH): Outlook, Google and Apple Mail all offer "add to calendar" for it.
        attachments: mail.ics ? [{ filename: mail.ics.filename, content: mail.ics.content, contentType: "text/calendar; charset=utf-8; method=PUBLISH" }] : [],
      });
    },
    close() {
      transport.close();
    },
  };
}
