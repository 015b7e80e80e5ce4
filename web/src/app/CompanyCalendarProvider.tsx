import { Center, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { CompanyTimeZoneContext } from '../ui/company-calendar';
import { loadServerConfig, parseCompanyTimeZone } from '../ui/server.config';

const RETRY_MS = 3_000;

/**
 * Renders the app once the server has said which time zone the company's days
 * are counted in. The config is fetched alongside the session check, so this
 * adds no round trip; until it arrives no date is shown rather than a wrong one.
 */
export function CompanyCalendarProvider({ children }: { children: ReactNode }) {
  const [zone, setZone] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = () =>
      void loadServerConfig().then((json) => {
        if (!current) return;
        const parsed = parseCompanyTimeZone(json);
        if (parsed) setZone(parsed);
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

  if (!zone) {
    return (
      <Center h="100vh">
        <Stack align="center" gap="xs">
          <Loader aria-label="Loading" />
          {failed && <Text c="dimmed">Cannot reach the server. Trying again…</Text>}
        </Stack>
      </Center>
    );
  }
  return <CompanyTimeZoneContext.Provider value={zone}>{children}</CompanyTimeZoneContext.Provider>;
}
