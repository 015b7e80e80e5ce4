import { createContext, useContext } from 'react';

// Days on every screen are the company's days (COMPANY_TIME_ZONE on the
// server), counted by the same functions in @groundwork/shared the server
// uses: "in 60 days" in the header reads exactly like the server's renewal
// figures, whatever zone the browser is in.

export const CompanyTimeZoneContext = createContext<string | null>(null);

/** The company's time zone; only under CompanyCalendarProvider (the app root, and the test renderers). */
export function useCompanyTimeZone(): string {
  const zone = useContext(CompanyTimeZoneContext);
  if (!zone) throw new Error('useCompanyTimeZone is used outside CompanyCalendarProvider');
  return zone;
}
