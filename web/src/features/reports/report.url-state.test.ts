import { describe, expect, it } from 'vitest';
import { customerReportPdfUrl, parseReportChoices, reportChoicesParams } from './report.url-state';

describe('report choices in the URL', () => {
  it('leaves absent choices to the server', () => {
    expect(parseReportChoices(new URLSearchParams(''))).toEqual({
      from: null,
      to: null,
      propertyId: null,
      pairs: null,
    });
    expect(reportChoicesParams(parseReportChoices(new URLSearchParams(''))).toString()).toBe('');
  });

  it('reads a period, a property and a pick, and writes them back', () => {
    const choices = parseReportChoices(new URLSearchParams('from=2026-05-01&to=2026-05-31&property=p1&pairs=a,b'));
    expect(choices).toEqual({ from: '2026-05-01', to: '2026-05-31', propertyId: 'p1', pairs: ['a', 'b'] });
    expect(reportChoicesParams(choices).toString()).toBe('from=2026-05-01&to=2026-05-31&property=p1&pairs=a%2Cb');
  });

  it('keeps an empty pick apart from no pick, and ignores a malformed date', () => {
    expect(parseReportChoices(new URLSearchParams('pairs=&from=May')).pairs).toEqual([]);
    expect(parseReportChoices(new URLSearchParams('pairs=&from=May')).from).toBeNull();
  });

  it('asks the PDF for the same choices', () => {
    expect(customerReportPdfUrl('acc', { from: '2026-05-01', to: null, propertyId: null, pairs: ['a', 'b'] })).toBe(
      '/reports/customer.pdf?accountId=acc&from=2026-05-01&pairs=a%2Cb',
    );
  });
});
