import type { HealthThresholds } from '@groundwork/shared';
import { createContext, useContext } from 'react';

// The health thresholds a screen puts in words ("due every 35 days", "renewing within 180 days") are
// the server's configuration (HEALTH_CONFIG_FILE), read from /config.json with the company's time
// zone: the web never re-types one, so a screen cannot contradict the score.

export const HealthThresholdsContext = createContext<HealthThresholds | null>(null);

/** The server's health thresholds; only under CompanyCalendarProvider (the app root, and the test renderers). */
export function useHealthThresholds(): HealthThresholds {
  const thresholds = useContext(HealthThresholdsContext);
  if (!thresholds) throw new Error('useHealthThresholds is used outside CompanyCalendarProvider');
  return thresholds;
}
