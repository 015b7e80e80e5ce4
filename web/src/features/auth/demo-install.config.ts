import { useEffect, useState } from 'react';
import { loadServerConfig } from '../../ui/server.config';

// GET /config.json says whether the server runs on its embedded database, the
// mode that loads the demo company and its demo users (README).

export function parseDemoInstall(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && (value as { embeddedDatabase?: unknown }).embeddedDatabase === true
  );
}

/** Whether to point at the README's demo users; false until known, and when the config cannot be read. */
export function useDemoInstall(fetchImpl: typeof fetch = fetch): boolean {
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    let current = true;
    // A hint is not worth an error message: an unreadable config means "not the demo".
    void loadServerConfig(fetchImpl).then((json) => current && setDemo(parseDemoInstall(json)));
    return () => {
      current = false;
    };
  }, [fetchImpl]);
  return demo;
}
