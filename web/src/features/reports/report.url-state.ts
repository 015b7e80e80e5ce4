// The report's choices live in the URL (/accounts/:id/report?from&to&property&pairs), so
// a reviewed report can be reopened, bookmarked, and shared or printed exactly as picked.
// An absent value is the server's default: last month, every property, the most telling pairs.

export type ReportChoices = {
  from: string | null;
  to: string | null;
  propertyId: string | null;
  /** The account manager's pick of before/after pairs (Issue ids); null: the server's default pick. */
  pairs: string[] | null;
};

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function date(value: string | null): string | null {
  return value && LOCAL_DATE.test(value) ? value : null;
}

export function parseReportChoices(params: URLSearchParams): ReportChoices {
  const pairs = params.get('pairs');
  return {
    from: date(params.get('from')),
    to: date(params.get('to')),
    propertyId: params.get('property') || null,
    // `pairs=` (empty) is a pick too: no pair at all.
    pairs: pairs === null ? null : pairs.split(',').filter(Boolean),
  };
}

export function reportChoicesParams(choices: ReportChoices): URLSearchParams {
  const params = new URLSearchParams();
  if (choices.from) params.set('from', choices.from);
  if (choices.to) params.set('to', choices.to);
  if (choices.propertyId) params.set('property', choices.propertyId);
  if (choices.pairs) params.set('pairs', choices.pairs.join(','));
  return params;
}

/** The signed-in PDF of exactly these choices (the server's /reports/customer.pdf). */
export function customerReportPdfUrl(accountId: string, choices: ReportChoices): string {
  const params = new URLSearchParams({ accountId });
  if (choices.propertyId) params.set('propertyId', choices.propertyId);
  if (choices.from) params.set('from', choices.from);
  if (choices.to) params.set('to', choices.to);
  if (choices.pairs) params.set('pairs', choices.pairs.join(','));
  return `/reports/customer.pdf?${params.toString()}`;
}
