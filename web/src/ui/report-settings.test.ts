import { describe, expect, it } from 'vitest';
import { parseReportSettings } from './report-settings';

describe('parseReportSettings', () => {
  it('reads the company name and whether email is set up, and defaults to none', () => {
    expect(parseReportSettings({ companyName: 'Green Co', emailEnabled: true })).toEqual({
      companyName: 'Green Co',
      emailEnabled: true,
    });
    expect(parseReportSettings({ companyName: '', emailEnabled: 'yes' })).toEqual({
      companyName: null,
      emailEnabled: false,
    });
    expect(parseReportSettings(null)).toEqual({ companyName: null, emailEnabled: false });
  });
});
