import { useEffect, useState } from 'react';
import { loadServerConfig } from './server.config';

/** What /config.json says about customer reports: the company's name, and whether email is set up (SMTP_URL). */
export interface ReportSettings {
  companyName: string | null;
  emailEnabled: boolean;
}

export function parseReportSettings(value: unknown): ReportSettings {
  const v = (value && typeof value === 'object' ? value : {}) as { companyName?: unknown; emailEnabled?: unknown };
  return {
    companyName: typeof v.companyName === 'string' && v.companyName !== '' ? v.companyName : null,
    emailEnabled: v.emailEnabled === true,
  };
}

/** The report settings of this server (no email and no name until /config.json has answered). */
export function useReportSettings(): ReportSettings {
  const [settings, setSettings] = useState<ReportSettings>({ companyName: null, emailEnabled: false });
  useEffect(() => {
    let live = true;
    void loadServerConfig().then((config) => {
      if (live) setSettings(parseReportSettings(config));
    });
    return () => {
      live = false;
    };
  }, []);
  return settings;
}
