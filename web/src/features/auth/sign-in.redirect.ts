// Where the sign-in page sends people and how it knows where they were going.
// The page they asked for travels in `?next=` so a bookmark, a shared link or
// an expired session all come back to the same place after signing in.

export const SIGN_IN_PATH = '/sign-in';

type PathParts = { pathname: string; search?: string; hash?: string };

/**
 * The sign-in URL that returns to `location` afterwards. The root and the
 * sign-in page itself carry no `next`: there the role's landing page is the
 * right destination.
 */
export function signInPath(location: PathParts): string {
  const target = `${location.pathname}${location.search ?? ''}${location.hash ?? ''}`;
  if (location.pathname === '/' || isSignInPath(location.pathname)) return SIGN_IN_PATH;
  return `${SIGN_IN_PATH}?${new URLSearchParams({ next: target })}`;
}

function isSignInPath(pathname: string): boolean {
  return pathname === SIGN_IN_PATH || pathname.startsWith(`${SIGN_IN_PATH}/`);
}

// Any origin will do: it only tells an in-app path from one that leaves the app.
const PROBE_ORIGIN = 'https://groundwork.invalid';

/**
 * `next` when it is a path inside this app, otherwise null. A sign-in link
 * must not be usable to send someone to another site after they typed their
 * password (`//evil.example`, `/\evil.example`, `https://…`, `javascript:`).
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PROBE_ORIGIN || url.pathname === '/' || isSignInPath(url.pathname)) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
