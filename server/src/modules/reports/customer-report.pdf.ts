import { buffer } from 'node:stream/consumers';
import type { EntityManager } from '@mikro-orm/sql';
import pdfmake from 'pdfmake';
import type { Column, Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { localDateOf } from '@groundwork/shared';
import type { FileReader } from '../../platform/context.js';
import { photoObjectKeys } from '../photos/index.js';
import type { CustomerReport, ReportIssue } from './customer-report.types.js';

// The PDF is built on the server from the same report as the page, with the
// PDF standard fonts (nothing to download) and photos handed in as bytes: the
// renderer may fetch nothing, from the network or the disk.
const HELVETICA = {
  normal: 'Helvetica',
  bold: 'Helvetica-Bold',
  italics: 'Helvetica-Oblique',
  bolditalics: 'Helvetica-BoldOblique',
};
pdfmake.setFonts({ Helvetica: HELVETICA });
pdfmake.setUrlAccessPolicy(() => false);
// pdfkit knows the standard fonts by name: the only "local files" it may open.
const STANDARD_FONTS = new Set(Object.values(HELVETICA));
pdfmake.setLocalAccessPolicy((path) => STANDARD_FONTS.has(path));

export interface PdfOptions {
  companyName: string;
  timeZone: string;
  /** The display JPEG of each photo the report shows (before/after pairs), by photo id. */
  photos: ReadonlyMap<string, Buffer>;
}

const GREEN = '#1b5e20';
const MUTED = '#5c636a';

/** The customer report as a PDF: the company's name, the figures, the before/after pairs, page numbers. */
export async function customerReportPdf(report: CustomerReport, options: PdfOptions): Promise<Buffer> {
  const day = (d: Date | null) => (d ? formatDay(localDateOf(d, options.timeZone)) : '—');
  const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
  const hours = (h: number | null) => (h === null ? '—' : h < 48 ? `${h} h` : `${Math.round((h / 24) * 10) / 10} days`);
  const money = (n: number) => `$${n.toLocaleString('en-US')}`;
  const label = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replaceAll('_', ' ');

  const content: Content[] = [
    { text: options.companyName, style: 'company' },
    { text: `Value delivered to ${report.accountName}`, style: 'title' },
    {
      text: `${report.propertyName ?? 'All properties'} · ${formatDay(report.from)} – ${formatDay(report.to)}`,
      style: 'muted',
      margin: [0, 0, 0, 12],
    },
    { text: 'Found and fixed', style: 'h2' },
    {
      table: {
        widths: ['*', 'auto'],
        body: [
          ['Issues found', String(report.found)],
          ['  on our site walks', String(report.foundOnWalks)],
          ['  reported by you', String(report.foundByCustomer)],
          ['  by our crews', String(report.foundByCrews)],
          ['Issues fixed', String(report.fixed)],
          [
            'Fixed by the next scheduled visit',
            report.fixedByNextVisitPercent === null
              ? '—'
              : `${report.fixedByNextVisitPercent} % (${report.fixedByNextVisit} of ${report.routineFixedWithVisit})`,
          ],
          ['Median time to fix, routine', hours(report.medianHoursToFixRoutine)],
          ['Median time to fix, urgent', hours(report.medianHoursToFixUrgent)],
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ];
  if (report.foundByCategory.length) {
    content.push({
      text: `By kind: ${report.foundByCategory.map((c) => `${label(c.category)} ${c.count}`).join(' · ')}`,
      style: 'muted',
      margin: [0, 4, 0, 0],
    });
  }
  content.push({ text: 'Still open', style: 'h2' });
  content.push(
    report.stillOpen.length
      ? issueTable(report.stillOpen, ['What', 'Where', 'Due'], (i) => [i.title, i.propertyName, day(i.dueAt)])
      : { text: 'Nothing was left open at the end of the period.', style: 'muted' },
  );

  const pairs = report.proofPairs.filter((p) => p.chosen);
  content.push({ text: 'Before and after', style: 'h2', pageBreak: pairs.length ? 'before' : undefined });
  if (pairs.length === 0) content.push({ text: 'No before-and-after photos in this period.', style: 'muted' });
  for (const pair of pairs) {
    const before = options.photos.get(pair.beforePhotoIds[0]!);
    const after = options.photos.get(pair.afterPhotoIds[0]!);
    content.push({
      unbreakable: true,
      margin: [0, 6, 0, 10],
      stack: [
        { text: pair.issue.title, bold: true },
        {
          text: `${label(pair.issue.category)} · ${pair.issue.propertyName} · reported ${day(pair.issue.reportedAt)}, fixed ${day(pair.issue.fixedAt)}`,
          style: 'muted',
          margin: [0, 0, 0, 4],
        },
        {
          columns: [photoCell('Before', before), photoCell('After', after)],
          columnGap: 12,
        },
      ],
    });
  }

  content.push({ text: 'Enhancements', style: 'h2' });
  content.push(
    report.enhancementsApproved.length
      ? {
          stack: [
            {
              text: `${count(report.enhancementsApproved.length, 'enhancement', 'enhancements')} approved, worth ${money(report.enhancementsApprovedValue)}:`,
            },
            {
              ul: report.enhancementsApproved.map(
                (e) => `${e.title} (${e.propertyName})${e.value === null ? '' : ` — ${money(e.value)}`}`,
              ),
            },
          ],
        }
      : { text: 'No enhancement approved in this period.', style: 'muted' },
  );
  if (report.enhancementsAwaitingDecision.length) {
    content.push({ text: 'Awaiting your decision:', margin: [0, 6, 0, 0] });
    content.push({
      ul: report.enhancementsAwaitingDecision.map(
        (e) => `${e.title} (${e.propertyName})${e.value === null ? '' : ` — ${money(e.value)}`}`,
      ),
    });
  }

  content.push({ text: 'Care', style: 'h2' });
  content.push({
    text: report.siteWalks.length
      ? `${count(report.siteWalks.length, 'site walk', 'site walks')}: ${report.siteWalks
          .map((w) => `${day(w.completedAt)} at ${w.propertyName}${w.customerAttended ? ' (with you)' : ''}`)
          .join('; ')}.`
      : 'No site walk in this period.',
  });
  if (report.qualityByArea.length) {
    content.push({
      margin: [0, 6, 0, 0],
      table: {
        widths: ['*', 'auto', 'auto'],
        body: [
          [
            { text: 'Quality (1–5)', bold: true },
            { text: 'This period', bold: true },
            { text: 'Period before', bold: true },
          ],
          ...report.qualityByArea.map((a) => [
            label(a.area),
            String(a.average),
            a.previousAverage === null ? '—' : String(a.previousAverage),
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
    });
  }
  if (report.nextVisits.length) {
    content.push({ text: 'Next visits', bold: true, margin: [0, 8, 0, 2] });
    content.push({ ul: report.nextVisits.map((v) => `${formatDay(v.date)}: ${v.serviceLine}, ${v.propertyName}`) });
  }

  const doc: TDocumentDefinitions = {
    info: { title: `${report.accountName} — ${report.from} to ${report.to}`, author: options.companyName },
    pageSize: 'LETTER',
    pageMargins: [48, 48, 48, 56],
    defaultStyle: { font: 'Helvetica', fontSize: 10 },
    styles: {
      company: { fontSize: 10, color: GREEN, bold: true },
      title: { fontSize: 18, bold: true, margin: [0, 4, 0, 2] },
      h2: { fontSize: 13, bold: true, color: GREEN, margin: [0, 14, 0, 6] },
      muted: { color: MUTED, fontSize: 9 },
    },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: options.companyName, style: 'muted' },
        { text: `Page ${page} of ${pages}`, alignment: 'right', style: 'muted' },
      ],
      margin: [48, 16, 48, 0],
    }),
    content,
  };
  return pdfmake.createPdf(doc).getBuffer();
}

function photoCell(caption: string, jpeg: Buffer | undefined): Column {
  return {
    width: '*',
    stack: [
      jpeg
        ? { image: `data:image/jpeg;base64,${jpeg.toString('base64')}`, fit: [240, 180] }
        : { text: '(photo unavailable)', color: MUTED },
      { text: caption, style: 'muted', margin: [0, 2, 0, 0] },
    ],
  };
}

function issueTable(issues: readonly ReportIssue[], header: string[], row: (i: ReportIssue) => string[]): Content {
  return {
    table: {
      headerRows: 1,
      widths: ['*', 'auto', 'auto'],
      body: [header.map((h) => ({ text: h, bold: true })), ...issues.map(row)],
    },
    layout: 'lightHorizontalLines',
  };
}

/** "May 3, 2026" from a company-local date. */
function formatDay(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The display JPEG of the first before and after photo of each chosen pair (what the PDF prints). */
export async function pairPhotos(
  em: EntityManager,
  files: FileReader,
  report: CustomerReport,
): Promise<Map<string, Buffer>> {
  const ids = report.proofPairs
    .filter((p) => p.chosen)
    .flatMap((p) => [p.beforePhotoIds[0], p.afterPhotoIds[0]])
    .filter((id): id is string => Boolean(id));
  const photos = new Map<string, Buffer>();
  if (ids.length === 0) return photos;
  const rows = await em.execute<{ id: string; file_key: string }[]>('select id, file_key from photos where id in (?)', [
    ids,
  ]);
  for (const row of rows) {
    const object = await files.get(photoObjectKeys(row.file_key).display);
    if (object) photos.set(row.id, await buffer(object.body));
  }
  return photos;
}

/** "Cherry-Creek-Office-Park-2026-05-01-2026-05-31.pdf" */
export function reportFileName(report: CustomerReport): string {
  const name = report.accountName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${name}-${report.from}-${report.to}.pdf`;
}
