import nodemailer from 'nodemailer';
import { forbidden, unavailable } from '@groundwork/shared';
import type { RequestContext } from '../../platform/context.js';
import type { CustomerReport } from './customer-report.types.js';

/** What an email of a report says: a short summary for the customer, the link, the PDF. */
export function reportEmail(
  report: CustomerReport,
  options: { companyName: string; url: string; expiresAt: Date },
): { subject: string; text: string } {
  const period = `${report.from} – ${report.to}`;
  const pairs = report.proofPairs.filter((p) => p.chosen).length;
  const lines = [
    `Hello,`,
    ``,
    `Here is what ${options.companyName} did for ${report.propertyName ?? report.accountName} from ${period}:`,
    ``,
    `- ${report.found} issue${report.found === 1 ? '' : 's'} found, ${report.fixed} fixed` +
      (report.fixedByNextVisitPercent === null
        ? ''
        : `, ${report.fixedByNextVisitPercent} % of routine fixes by the next scheduled visit`),
    `- ${report.siteWalks.length} site walk${report.siteWalks.length === 1 ? '' : 's'}` +
      (pairs ? `, with ${pairs} before-and-after photo${pairs === 1 ? '' : 's'}` : ''),
    ...(report.enhancementsAwaitingDecision.length
      ? [`- ${report.enhancementsAwaitingDecision.length} proposal(s) awaiting your decision`]
      : []),
    ``,
    `The full report: ${options.url}`,
    `(the link works until ${options.expiresAt.toISOString().slice(0, 10)}; the PDF is attached)`,
    ``,
    options.companyName,
  ];
  return { subject: `${options.companyName}: your report for ${period}`, text: lines.join('\n') };
}

/** Sends one report email through SMTP_URL; refused when the server has no SMTP configured. */
export async function sendReportEmail(
  ctx: Pick<RequestContext, 'config'>,
  message: { to: string[]; subject: string; text: string; pdf: Buffer; pdfName: string },
): Promise<void> {
  const url = ctx.config.SMTP_URL;
  if (!url) throw forbidden('Email is not set up on this server (SMTP_URL); copy the link instead');
  const transport = nodemailer.createTransport(url);
  try {
    await transport
      .sendMail({
        from: ctx.config.MAIL_FROM,
        to: message.to,
        subject: message.subject,
        text: message.text,
        attachments: [{ filename: message.pdfName, content: message.pdf, contentType: 'application/pdf' }],
      })
      .catch((error: Error) => {
        // The mail server refused or cannot be reached: nothing was sent, and the link is not kept.
        throw Object.assign(
          unavailable(`The mail server did not take the message (${error.message}); nothing was sent.`),
          {
            cause: error,
          },
        );
      });
  } finally {
    transport.close();
  }
}
