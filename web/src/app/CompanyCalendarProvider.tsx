import { Center, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import {
  DEFAULT_HEALTH_CONFIG,
  healthThresholds,
  parseHealthThresholds,
  type HealthThresholds,
} from '@groundwork/shared';
import { CompanyTimeZoneContext } from '../ui/company-calendar';
import { HealthThresholdsContext } from '../ui/health-thresholds';
import { loadServerConfig, parseCompanyTimeZone } from '../ui/server.config';

const RETRY_MS = 3_000;

/**
 * Renders the app once the server has said which time zone the company's days
 * are counted in, and the health thresholds the screens put in words. The config is fetched alongside the session check, so this
 * adds no round trip; until it arrives no date is shown rather than a wrong one.
 */
export function CompanyCalendarProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<{ zone: string; thresholds: HealthThresholds } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = () =>
      void loadServerConfig().then((json) => {
        if (!current) return;
        const zone = parseCompanyTimeZone(json);
        // A copy kept on the device by an older version has no thresholds: a phone with no signal must
        // still start, so it counts with the built-in health configuration until it next starts online.
        const thresholds =
          parseHealthThresholds((json as { healthThresholds?: unknown } | null)?.healthThresholds) ??
          healthThresholds(DEFAULT_HEALTH_CONFIG);
        if (zone) setSettings({ zone, thresholds });
        else {
          setFailed(true);
          timer = setTimeout(attempt, RETRY_MS);
        }
      });
    attempt();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, []);

  if (!settings) {
    return (
      <Center h="100vh">
        <Stack align="center" gap="xs">
          <Loader aria-label="Loading" />
          {failed && <Text c="dimmed">Cannot reach the server. Trying again…</Text>}
        </Stack>
      </Center>
    );
  }
  return (
    <CompanyTimeZoneContext.Provider value={settings.zone}>
      <HealthThresholdsContext.Provider value={settings.thresholds}>{children}</HealthThresholdsContext.Provider>
    </CompanyTimeZoneContext.Provider>
  );
}
