import { screen, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../test.render';
import { HealthRecordDrawer } from '../health/HealthRecordDrawer';
import type { Pin } from '../map/map.pins';
import { PinDrawer } from '../map/PinDrawer';
import { EnhancementDetailsQuery } from './EnhancementDetails';

const enhancement = {
  __typename: 'Enhancement' as const,
  id: 'e7',
  title: 'Boulder wall by the pond',
  description: 'Replace the failing timber edge with boulders',
  stage: 'APPROVED' as const,
  version: 3,
  customerInterest: true,
  budgetConfirmed: false,
  estimatedValue: 32_000,
  proposalValue: 30_500,
  createdAt: '2026-09-01T15:00:00.000Z',
  account: { __typename: 'Account' as const, id: 'a1', name: 'Willow Creek HOA' },
  property: { __typename: 'Property' as const, id: 'p1', name: 'North campus' },
  serviceLine: { __typename: 'ServiceLine' as const, id: 's1', name: 'Enhancements' },
  photos: [{ __typename: 'Photo' as const, id: 'ph1', kind: 'BEFORE', thumbUrl: '/photos/ph1/thumb' }],
};
const read = {
  request: { query: EnhancementDetailsQuery, variables: { id: 'e7' } },
  result: { data: { enhancement } },
};

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

describe('Enhancement drawers', () => {
  it('the map pin drawer loads the Enhancement: stage, description, interest, budget, values, photos, account', async () => {
    renderPage(<PinDrawer pin={pin} onClose={() => undefined} />, { path: '/map', url: '/map', mocks: [read] });
    const drawer = await screen.findByTestId('record-enhancement');
    expect(drawer.getAttribute('data-record-id')).toBe('e7');
    const w = within(drawer);
    expect(w.getByText('Boulder wall by the pond')).toBeTruthy();
    expect(w.getByText('Approved')).toBeTruthy();
    expect(w.getByText('Replace the failing timber edge with boulders')).toBeTruthy();
    expect(w.getByText('$32,000')).toBeTruthy();
    expect(w.getByText('$30,500')).toBeTruthy();
    expect(w.getByText('Customer interest').nextElementSibling!.textContent).toBe('Yes');
    expect(w.getByText('Budget confirmed').nextElementSibling!.textContent).toBe('Not yet');
    expect(w.getByRole('link', { name: 'Willow Creek HOA' }).getAttribute('href')).toBe('/accounts/a1');
    expect(w.getByAltText('before photo').getAttribute('src')).toBe('/photos/ph1/thumb');
  });

  it('the health panel’s record drawer loads the Enhancement by id, without the account link', async () => {
    renderPage(
      <HealthRecordDrawer
        record={{ kind: 'ENHANCEMENT', id: 'e7', label: 'Boulder wall by the pond' }}
        onClose={() => undefined}
      />,
      {
        path: '/accounts/:accountId',
        url: '/accounts/a1',
        mocks: [read],
      },
    );
    const drawer = await screen.findByTestId('record-enhancement');
    expect(within(drawer).getByText('Boulder wall by the pond')).toBeTruthy();
    expect(within(drawer).queryByRole('link', { name: 'Willow Creek HOA' })).toBeNull();
  });

  it('says so when the Enhancement is gone', async () => {
    renderPage(<PinDrawer pin={pin} onClose={() => undefined} />, {
      path: '/map',
      url: '/map',
      mocks: [{ request: read.request, result: { data: { enhancement: null } } }],
    });
    expect(await screen.findByText('Enhancement not found')).toBeTruthy();
  });

  it('shows a refusal as an error', async () => {
    renderPage(<PinDrawer pin={pin} onClose={() => undefined} />, {
      path: '/map',
      url: '/map',
      mocks: [
        {
          request: read.request,
          result: {
            errors: [new GraphQLError('Your role cannot see Enhancements', { extensions: { code: 'FORBIDDEN' } })],
          },
        },
      ],
    });
    expect(await screen.findByText(/Could not load this Enhancement/)).toBeTruthy();
  });
});
