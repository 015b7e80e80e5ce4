import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage, testUser } from '../../test.render';
import { PhotoUploadError, type UploadedPhoto, type UploadOptions } from '../../ui/photo-upload';
import { fakeIssue, statusChange } from './issue.fake';
import { ResolveIssueSheet } from './ResolveIssueSheet';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Uploads the test finishes by hand: each call is kept with its progress callback and outcome. */
function controlledUploads() {
  const calls: {
    name: string;
    clientId: string;
    progress: (fraction: number) => void;
    succeed: (id: string) => void;
    fail: (error: Error) => void;
  }[] = [];
  const upload = (file: File, clientId: string, options: UploadOptions) =>
    new Promise<UploadedPhoto>((resolve, reject) => {
      calls.push({
        name: file.name,
        clientId,
        progress: (f) => options.onProgress?.(f),
        succeed: (id) =>
          resolve({
            id,
            sizeBytes: file.size,
            width: 1600,
            height: 1200,
            takenAt: null,
            location: null,
            thumbUrl: `/photos/${id}/thumb`,
            displayUrl: `/photos/${id}/display`,
            originalUrl: `/photos/${id}/original`,
          }),
        fail: reject,
      });
    });
  return { calls, upload };
}

const jpeg = (name: string) => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], name, { type: 'image/jpeg' });
const inProgress = fakeIssue({ status: 'IN_PROGRESS', version: 7, resolvedAt: null, allowedStatuses: ['RESOLVED'] });

function renderSheet(
  mocks: Parameters<typeof renderPage>[1]['mocks'],
  upload: ReturnType<typeof controlledUploads>['upload'],
) {
  let closed = 0;
  renderPage(<ResolveIssueSheet issue={inProgress} opened onClose={() => closed++} upload={upload} />, {
    path: '/work',
    url: '/work',
    mocks,
    user: testUser({ role: 'CREW_LEAD' }),
  });
  return { closed: () => closed };
}

const sheet = () => screen.getByTestId('resolve-sheet');
const rows = () => within(sheet()).queryAllByTestId('upload');
const choose = (...files: File[]) =>
  fireEvent.change(within(sheet()).getByLabelText('After photos'), { target: { files } });
const markResolved = () =>
  within(sheet()).getByRole('button', { name: /Mark resolved|Waiting for photos/ }) as HTMLButtonElement;

describe('ResolveIssueSheet', () => {
  it('uploads each photo as it is chosen, showing its progress, and waits for all before resolving', async () => {
    const { calls, upload } = controlledUploads();
    renderSheet([], upload);
    choose(jpeg('north-gate.jpg'), jpeg('valve-box.jpg'));
    expect(calls.map((c) => c.name)).toEqual(['north-gate.jpg', 'valve-box.jpg']);
    expect(calls.every((c) => UUID_V4.test(c.clientId))).toBe(true);
    expect(new Set(calls.map((c) => c.clientId)).size).toBe(2);

    act(() => calls[0]!.progress(0.42));
    const [first, second] = rows();
    expect(within(first!).getByText('Uploading 42 %')).toBeTruthy();
    expect(
      within(first!).getByRole('progressbar', { name: 'Upload of north-gate.jpg' }).getAttribute('aria-valuenow'),
    ).toBe('42');
    expect(within(second!).getByText('Uploading 0 %')).toBeTruthy();
    expect(markResolved().textContent).toBe('Waiting for photos…');
    expect(markResolved().disabled).toBe(true);

    await act(async () => calls[0]!.succeed('p-1'));
    await act(async () => calls[1]!.succeed('p-2'));
    expect(rows().map((r) => r.getAttribute('data-state'))).toEqual(['done', 'done']);
    expect(within(rows()[0]!).getByText('Uploaded')).toBeTruthy();
    expect(markResolved().textContent).toBe('Mark resolved');
    expect(markResolved().disabled).toBe(false);
  });

  it('shows a refused photo’s reason, and a retry sends it again under the same client id', async () => {
    const { calls, upload } = controlledUploads();
    renderSheet([], upload);
    choose(jpeg('scan.jpg'));
    await act(async () =>
      calls[0]!.fail(
        new PhotoUploadError(
          `${calls[0]!.clientId}: is a PDF, not a JPEG, PNG, WebP or HEIC image`,
          'UNSUPPORTED_MEDIA_TYPE',
          415,
        ),
      ),
    );
    expect(within(rows()[0]!).getByRole('alert').textContent).toBe(
      'scan.jpg: is a PDF, not a JPEG, PNG, WebP or HEIC image',
    );
    expect(markResolved().disabled).toBe(true);
    fireEvent.click(within(sheet()).getByRole('button', { name: 'Retry scan.jpg' }));
    expect(calls).toHaveLength(2);
    expect(calls[1]!.clientId).toBe(calls[0]!.clientId);
    fireEvent.click(within(sheet()).getByRole('button', { name: 'Remove scan.jpg' }));
    expect(rows()).toHaveLength(0);
    expect(markResolved().disabled).toBe(false);
  });

  it('resolves with the photos and the note once the undo window is let go', async () => {
    const { calls, upload } = controlledUploads();
    let sent = 0;
    const change = statusChange(
      inProgress,
      { status: 'RESOLVED', photoIds: ['p-1'], note: 'Replaced the head and flushed the line' },
      { after: fakeIssue({ status: 'RESOLVED', version: 8 }) },
    );
    const { closed } = renderSheet(
      [
        {
          ...change,
          result: () => {
            sent++;
            return change.result;
          },
        },
      ],
      upload,
    );
    choose(jpeg('after.jpg'));
    await act(async () => calls[0]!.succeed('p-1'));
    fireEvent.change(within(sheet()).getByRole('textbox', { name: 'Note' }), {
      target: { value: 'Replaced the head and flushed the line' },
    });
    fireEvent.click(markResolved());
    expect(closed()).toBe(1);
    const toast = await screen.findByTestId('toast');
    expect(within(toast).getByText('Resolved — Broken head by the gate')).toBeTruthy();
    expect(within(toast).getByText('With 1 after photo.')).toBeTruthy();
    await act(async () => {}); // a send would have reached the link by now
    expect(sent).toBe(0);
    // Letting the toast go is letting the window pass: the change is sent now.
    fireEvent.click(within(toast).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(sent).toBe(1));
  });

  it('sends nothing when undone', async () => {
    const { upload } = controlledUploads();
    let sent = 0;
    const change = statusChange(inProgress, { status: 'RESOLVED', photoIds: [] }, { after: fakeIssue() });
    renderSheet([{ ...change, result: () => (sent++, change.result) }], upload);
    fireEvent.click(markResolved());
    const toast = await screen.findByTestId('toast');
    expect(within(toast).getByText('Without an after photo.')).toBeTruthy();
    fireEvent.click(within(toast).getByRole('button', { name: 'Undo' }));
    const undone = await screen.findByText('Undone');
    expect(undone.closest('[data-testid="toast"]')!.textContent).toContain('Broken head by the gate is not resolved.');
    expect(screen.queryByText('Resolved — Broken head by the gate')).toBeNull();
    await act(async () => {}); // a send would have reached the link by now
    expect(sent).toBe(0);
  });

  it('says in the server’s words when the change is refused after the window', async () => {
    const { upload } = controlledUploads();
    renderSheet(
      [
        statusChange(
          inProgress,
          { status: 'RESOLVED', photoIds: [] },
          { error: { code: 'FORBIDDEN', message: 'This Issue is not routed to your crew' } },
        ),
      ],
      upload,
    );
    fireEvent.click(markResolved());
    fireEvent.click(within(await screen.findByTestId('toast')).getByRole('button', { name: 'Dismiss' }));
    const refused = await screen.findByText('Not resolved: You do not have access to this');
    expect(refused.closest('[data-testid="toast"]')!.textContent).toContain('This Issue is not routed to your crew');
  });
});
