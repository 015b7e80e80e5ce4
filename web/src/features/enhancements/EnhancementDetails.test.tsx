import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { AdvanceEnhancementInput, EnhancementDetails_EnhancementFragment } from '../../gql/graphql';
import { renderPage, testUser } from '../../test.render';
import type { Pin } from '../map/map.pins';
import { PinDrawer } from '../map/PinDrawer';
import { RecordDrawer } from '../records/RecordDrawer';
import { AdvanceEnhancementMutation, EnhancementDetailsQuery } from './enhancement.graphql';

function fakeEnhancement(overrides: Partial<EnhancementDetails_EnhancementFragment> = {}) {
  return {
    __typename: 'Enhancement' as const,
    id: 'e7',
    title: 'Boulder wall by the pond',
    description: 'Replace the failing timber edge with boulders',
    stage: 'APPROVED' as const,
    version: 3,
    allowedStages: ['SCHEDULED', 'DECLINED'],
    customerInterest: true,
    budgetConfirmed: false,
    estimatedValue: 32_000,
    proposalValue: 30_500,
    declineReason: null,
    createdAt: '2026-09-01T15:00:00.000Z',
    updatedAt: '2026-09-20T15:00:00.000Z',
    account: { __typename: 'Account' as const, id: 'a1', name: 'Willow Creek HOA' },
    property: { __typename: 'Property' as const, id: 'p1', name: 'North campus' },
    serviceLine: { __typename: 'ServiceLine' as const, id: 's1', name: 'Enhancements' },
    photos: [
      {
        __typename: 'Photo' as const,
        id: 'ph1',
        kind: 'BEFORE' as const,
        thumbUrl: '/photos/ph1/thumb',
        displayUrl: '/photos/ph1/display',
        takenAt: null,
        farFromProperty: false,
      },
    ],
    ...overrides,
  } satisfies EnhancementDetails_EnhancementFragment;
}

const readOf = (enhancement: EnhancementDetails_EnhancementFragment) => ({
  request: { query: EnhancementDetailsQuery, variables: { id: enhancement.id } },
  result: { data: { enhancement } },
});

function advanceOf(
  before: EnhancementDetails_EnhancementFragment,
  input: Omit<AdvanceEnhancementInput, 'enhancementId' | 'expectedVersion'>,
  answer: { after: EnhancementDetails_EnhancementFragment } | { error: { code: string; message: string } },
) {
  return {
    request: {
      query: AdvanceEnhancementMutation,
      variables: { input: { enhancementId: before.id, expectedVersion: before.version, ...input } },
    },
    result:
      'after' in answer
        ? { data: { advanceEnhancement: answer.after } }
        : {
            data: null,
            errors: [
              { message: answer.error.message, path: ['advanceEnhancement'], extensions: { code: answer.error.code } },
            ],
          },
  };
}

const pin: Pin = {
  id: 'e7',
  kind: 'ENHANCEMENT',
  title: 'Boulder wall by the pond',
  stage: 'APPROVED',
  overdue: false,
  version: 3,
  propertyId: 'p1',
  accountId: 'a1',
  location: { lng: -104.9, lat: 39.7 },
};

function openDrawer(mocks: Parameters<typeof renderPage>[1]['mocks'], user = testUser({ role: 'ACCOUNT_MANAGER' })) {
  // As the account page opens it: the account is on screen already.
  renderPage(
    <RecordDrawer record={{ kind: 'ENHANCEMENT', id: 'e7' }} onClose={() => undefined} showAccount={false} />,
    {
      path: '/accounts/:accountId',
      url: '/accounts/a1',
      mocks,
      user,
    },
  );
  return screen.findByTestId('record-enhancement');
}

const toast = async () => (await screen.findByTestId('toast')) as HTMLElement;

describe('Enhancement drawer', () => {
  it('the map pin drawer loads the Enhancement: stage, description, interest, budget, values, photos, account', async () => {
    renderPage(<PinDrawer pin={pin} onClose={() => undefined} />, {
      path: '/map',
      url: '/map',
      mocks: [readOf(fakeEnhancement())],
    });
    const drawer = await screen.findByTestId('record-enhancement');
    expect(drawer.getAttribute('data-record-id')).toBe('e7');
    const w = within(drawer);
    expect(w.getByText('Boulder wall by the pond')).toBeTruthy();
    expect(w.getByTestId('enhancement-stage').textContent).toBe('Approved');
    expect(w.getByText('Replace the failing timber edge with boulders')).toBeTruthy();
    expect(w.getByText('$32,000')).toBeTruthy();
    expect(w.getByText('$30,500')).toBeTruthy();
    expect(w.getByText('Customer interest').nextElementSibling!.textContent).toBe('Yes');
    expect(w.getByText('Budget confirmed').nextElementSibling!.textContent).toBe('Not yet');
    expect(w.getByRole('link', { name: 'Willow Creek HOA' }).getAttribute('href')).toBe('/accounts/a1');
    expect(w.getByAltText('Before photo 1 of 1').getAttribute('src')).toBe('/photos/ph1/thumb');
  });

  it('leaves the account link out where the account is on screen, and offers no step the server did not allow', async () => {
    const drawer = await openDrawer([readOf(fakeEnhancement({ allowedStages: [] }))], testUser({ role: 'EXECUTIVE' }));
    expect(within(drawer).queryByRole('link', { name: 'Willow Creek HOA' })).toBeNull();
    expect(within(drawer).queryByTestId('enhancement-advance')).toBeNull();
    // Only the photo opens: nothing to press that would move the Enhancement.
    expect(
      within(drawer)
        .queryAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Open before photo 1 of 1']);
  });

  it('asks the qualification questions, shows the server’s refusal word for word, then qualifies', async () => {
    const identified = fakeEnhancement({
      stage: 'IDENTIFIED',
      version: 1,
      allowedStages: ['QUALIFIED', 'DECLINED'],
      customerInterest: false,
      budgetConfirmed: false,
      estimatedValue: null,
      proposalValue: null,
    });
    const refusal =
      "Enhancement cannot be QUALIFIED until the customer's interest and budget are confirmed (missing: budgetConfirmed)";
    const qualified = fakeEnhancement({
      stage: 'QUALIFIED',
      version: 2,
      allowedStages: ['ESTIMATING', 'DECLINED'],
      customerInterest: true,
      budgetConfirmed: true,
      estimatedValue: null,
      proposalValue: null,
    });
    const drawer = await openDrawer([
      readOf(identified),
      advanceOf(
        identified,
        { stage: 'QUALIFIED', customerInterest: true, budgetConfirmed: false },
        { error: { code: 'INVALID_TRANSITION', message: refusal } },
      ),
      readOf(identified),
      advanceOf(
        identified,
        { stage: 'QUALIFIED', customerInterest: true, budgetConfirmed: true },
        { after: qualified },
      ),
    ]);
    const w = within(drawer);
    expect(w.getByText('Next: Qualified')).toBeTruthy();
    const interest = w.getByRole('checkbox', { name: 'Customer interested?' }) as HTMLInputElement;
    const budget = w.getByRole('checkbox', { name: 'Budget confirmed?' }) as HTMLInputElement;
    expect([interest.checked, budget.checked]).toEqual([false, false]);

    fireEvent.click(interest);
    fireEvent.click(w.getByRole('button', { name: 'Qualify' }));
    const alert = await w.findByRole('alert');
    expect(alert.textContent).toBe(`Not moved: That change is not allowed${refusal}`);
    expect(w.getByTestId('enhancement-stage').textContent).toBe('Identified');

    fireEvent.click(budget);
    fireEvent.click(w.getByRole('button', { name: 'Qualify' }));
    expect(await w.findByText('Next: Estimating')).toBeTruthy();
    expect(w.getByTestId('enhancement-stage').textContent).toBe('Qualified');
    expect((await toast()).textContent).toContain('Qualified — Boulder wall by the pond');
    expect(w.getByRole('button', { name: 'Start estimating' })).toBeTruthy();
    expect(w.getByText('Budget confirmed').nextElementSibling!.textContent).toBe('Yes');
  });

  it('sends the proposal value typed with the move to Proposed', async () => {
    const estimating = fakeEnhancement({
      stage: 'ESTIMATING',
      version: 5,
      allowedStages: ['PROPOSED', 'DECLINED'],
      budgetConfirmed: true,
      estimatedValue: 12_000,
      proposalValue: null,
    });
    const proposed = { ...estimating, stage: 'PROPOSED' as const, version: 6, proposalValue: 13_500 };
    const drawer = await openDrawer([
      readOf(estimating),
      advanceOf(
        estimating,
        { stage: 'PROPOSED', proposalValue: 13_500 },
        { after: { ...proposed, allowedStages: ['APPROVED', 'DECLINED'] } },
      ),
    ]);
    const w = within(drawer);
    const value = w.getByRole('textbox', { name: 'Proposal value' }) as HTMLInputElement;
    // Starts from the estimate.
    expect(value.value).toBe('$12,000');
    fireEvent.change(value, { target: { value: '$13,500' } });
    fireEvent.click(w.getByRole('button', { name: 'Mark proposed' }));
    expect(await w.findByText('Next: Approved')).toBeTruthy();
    expect(w.getByText('Proposal').nextElementSibling!.textContent).toBe('$13,500');
  });

  it('declines only with a reason, and shows it', async () => {
    const estimating = fakeEnhancement({ stage: 'ESTIMATING', version: 5, allowedStages: ['PROPOSED', 'DECLINED'] });
    const reason = 'Board moved the budget to next year';
    const drawer = await openDrawer([
      readOf(estimating),
      advanceOf(
        estimating,
        { stage: 'DECLINED', declineReason: reason },
        { after: { ...estimating, stage: 'DECLINED', version: 6, allowedStages: [], declineReason: reason } },
      ),
    ]);
    const w = within(drawer);
    fireEvent.click(w.getByRole('button', { name: 'Decline…' }));
    const decline = w.getByRole('button', { name: 'Decline' }) as HTMLButtonElement;
    expect(decline.disabled).toBe(true);
    fireEvent.change(w.getByRole('textbox', { name: 'Why was it declined?' }), { target: { value: reason } });
    expect(decline.disabled).toBe(false);
    fireEvent.click(decline);
    expect((await w.findByTestId('decline-reason')).textContent).toBe(reason);
    expect(w.getByTestId('enhancement-stage').textContent).toBe('Declined');
    expect(w.queryByTestId('enhancement-advance')).toBeNull();
    const shown = await toast();
    expect(shown.textContent).toContain('Declined — Boulder wall by the pond');
    expect(shown.textContent).toContain(reason);
  });

  it('says someone else changed it first, in the server’s words, and shows the Enhancement as it is now', async () => {
    const before = fakeEnhancement({ stage: 'APPROVED', version: 3 });
    const now = fakeEnhancement({ stage: 'SCHEDULED', version: 4, allowedStages: ['COMPLETED', 'DECLINED'] });
    const drawer = await openDrawer([
      readOf(before),
      advanceOf(
        before,
        { stage: 'SCHEDULED' },
        {
          error: {
            code: 'VERSION_CONFLICT',
            message: 'Enhancement was changed by someone else (now version 4); reload and try again',
          },
        },
      ),
      readOf(now),
    ]);
    const w = within(drawer);
    fireEvent.click(w.getByRole('button', { name: 'Mark scheduled' }));
    const alert = await w.findByRole('alert');
    expect(alert.textContent).toBe(
      'Not moved: Someone else changed this firstEnhancement was changed by someone else (now version 4); reload and try again',
    );
    await waitFor(() => expect(w.getByTestId('enhancement-stage').textContent).toBe('Scheduled'));
    expect(w.getByRole('button', { name: 'Mark completed' })).toBeTruthy();
    // The message stays while the form starts afresh for the new stage.
    expect(w.getByRole('alert')).toBeTruthy();
  });

  it('says so when the Enhancement is gone', async () => {
    renderPage(<PinDrawer pin={pin} onClose={() => undefined} />, {
      path: '/map',
      url: '/map',
      mocks: [{ request: readOf(fakeEnhancement()).request, result: { data: { enhancement: null } } }],
    });
    expect(await screen.findByText('Enhancement not found')).toBeTruthy();
  });

  it('shows a refusal to read as an error', async () => {
    renderPage(<PinDrawer pin={pin} onClose={() => undefined} />, {
      path: '/map',
      url: '/map',
      mocks: [
        {
          request: readOf(fakeEnhancement()).request,
          result: {
            errors: [new GraphQLError('Your role cannot see Enhancements', { extensions: { code: 'FORBIDDEN' } })],
          },
        },
      ],
    });
    expect(await screen.findByText(/Could not load this Enhancement/)).toBeTruthy();
  });
});
