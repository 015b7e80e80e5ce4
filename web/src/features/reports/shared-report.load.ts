import type { CustomerReportData } from './CustomerReportView';

// The public side of a share link: GET /shared/reports/:token.json, no sign-in.
// 404 — no such link; 410 — the link expired or was withdrawn (revoked).

export type SharedReport = { companyName: string; report: CustomerReportData };

export type SharedReportResult =
  | { status: 'ok'; shared: SharedReport }
  | { status: 'notFound' }
  | { status: 'expired' }
  | { status: 'revoked' }
  | { status: 'failed'; message: string };

const base = (token: string) => `/shared/reports/${encodeURIComponent(token)}`;

export const sharedReportPdfUrl = (token: string) => `${base(token)}.pdf`;

export const sharedPhotoUrl = (token: string) => (photoId: string, size: 'thumb' | 'display') =>
  `${base(token)}/photos/${encodeURIComponent(photoId)}/${size}`;

export async function loadSharedReport(token: string, fetchImpl: typeof fetch = fetch): Promise<SharedReportResult> {
  let response: Response;
  try {
    response = await fetchImpl(`${base(token)}.json`, { headers: { accept: 'application/json' } });
  } catch {
    return { status: 'failed', message: 'The server could not be reached.' };
  }
  if (response.status === 404) return { status: 'notFound' };
  if (response.status === 410) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    return { status: body?.error === 'REVOKED' ? 'revoked' : 'expired' };
  }
  if (!response.ok) return { status: 'failed', message: `The server answered ${response.status}.` };
  return { status: 'ok', shared: (await response.json()) as SharedReport };
}
