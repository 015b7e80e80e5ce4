import { useEffect, useState } from 'react';

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
    fetchImpl('/config.json', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : null))
      .then((json: unknown) => current && setDemo(parseDemoInstall(json)))
      .catch(() => {
        // A hint is not worth an error message.
      });
    return () => {
      current = false;
    };
  }, [fetchImpl]);
  return demo;
}
