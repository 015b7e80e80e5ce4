import { useQuery } from '@apollo/client/react';
import {
  ISSUE_CATEGORIES,
  ISSUE_CATEGORY_LABELS,
  ISSUE_STATUS_LABELS,
  ISSUE_URGENCIES,
  ISSUE_URGENCY_LABELS,
  MAP_ISSUE_STATUSES,
  type IssueCategory,
  type IssueStatus,
  type IssueUrgency,
  type MapPinKind,
} from '@groundwork/shared';
import { Button, Group, MultiSelect, SegmentedControl, Select, Switch } from '@mantine/core';
import { graphql } from '../../gql';
import {
  activeFilterCount,
  EMPTY_MAP_FILTER,
  pickedStatuses,
  shownStatuses,
  type MapFilterState,
} from './map.url-state';
import type { MapCrew } from './CrewPanel';

export const MapFilterOptionsQuery = graphql(`
  query MapFilterOptions {
    serviceLines {
      id
      name
    }
    accounts(first: 200, sort: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
          name
          accountManager {
            id
            name
          }
        }
      }
    }
  }
`);

type MapFiltersProps = {
  filter: MapFilterState;
  onChange: (filter: MapFilterState) => void;
  crews: readonly MapCrew[];
  /** Account and manager filters are for people who see more than one book. */
  showAccountFilters: boolean;
};

const KIND_VALUES = ['ALL', 'ISSUE', 'ENHANCEMENT'] as const;

/** Everything the map can be narrowed by; each change goes into the URL. */
export function MapFilters({ filter, onChange, crews, showAccountFilters }: MapFiltersProps) {
  const { data } = useQuery(MapFilterOptionsQuery);
  const accounts = data?.accounts.edges.map((e) => e.node) ?? [];
  const managers = [...new Map(accounts.map((a) => [a.accountManager.id, a.accountManager])).values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const set = (patch: Partial<MapFilterState>) => onChange({ ...filter, ...patch });
  const kind = filter.kinds.length === 1 ? filter.kinds[0]! : 'ALL';
  const count = activeFilterCount(filter);

  return (
    <Group gap="xs" align="flex-end" wrap="wrap" aria-label="Map filters">
      <SegmentedControl
        size="xs"
        value={kind}
        onChange={(value) => set({ kinds: value === 'ALL' ? [] : [value as MapPinKind] })}
        data={KIND_VALUES.map((v) => ({
          value: v,
          label: v === 'ALL' ? 'All' : v === 'ISSUE' ? 'Issues' : 'Enhancements',
        }))}
        aria-label="Show"
      />
      {/* The default is shown as what it is (every open status), so adding Resolved adds to it. */}
      <MultiSelect
        size="xs"
        w={300}
        label="Status"
        data={MAP_ISSUE_STATUSES.map((s) => ({ value: s, label: ISSUE_STATUS_LABELS[s] }))}
        value={shownStatuses(filter)}
        onChange={(values) => {
          const statuses = pickedStatuses(values as IssueStatus[]);
          if (statuses) set({ statuses });
        }}
      />
      <Select
        size="xs"
        w={120}
        label="Urgency"
        placeholder="Any"
        data={ISSUE_URGENCIES.map((u) => ({ value: u, label: ISSUE_URGENCY_LABELS[u] }))}
        value={filter.urgency}
        onChange={(value) => set({ urgency: (value as IssueUrgency | null) ?? null })}
        clearable
      />
      <MultiSelect
        size="xs"
        w={190}
        label="Category"
        placeholder={filter.categories.length ? undefined : 'Any'}
        data={ISSUE_CATEGORIES.map((c) => ({ value: c, label: ISSUE_CATEGORY_LABELS[c] }))}
        value={filter.categories}
        onChange={(values) => set({ categories: values as IssueCategory[] })}
        searchable
        clearable
      />
      <MultiSelect
        size="xs"
        w={170}
        label="Service line"
        placeholder={filter.serviceLineIds.length ? undefined : 'Any'}
        data={(data?.serviceLines ?? []).map((l) => ({ value: l.id, label: l.name }))}
        value={filter.serviceLineIds}
        onChange={(values) => set({ serviceLineIds: values })}
        clearable
      />
      <MultiSelect
        size="xs"
        w={190}
        label="Crew"
        placeholder={filter.crewIds.length ? undefined : 'Any'}
        data={crews.map((c) => ({ value: c.id, label: c.name }))}
        value={filter.crewIds}
        onChange={(values) => set({ crewIds: values })}
        searchable
        clearable
      />
      {showAccountFilters && (
        <>
          <MultiSelect
            size="xs"
            w={200}
            label="Account"
            placeholder={filter.accountIds.length ? undefined : 'Any'}
            data={accounts.map((a) => ({ value: a.id, label: a.name }))}
            value={filter.accountIds}
            onChange={(values) => set({ accountIds: values })}
            searchable
            clearable
          />
          <MultiSelect
            size="xs"
            w={180}
            label="Account manager"
            placeholder={filter.accountManagerIds.length ? undefined : 'Any'}
            data={managers.map((m) => ({ value: m.id, label: m.name }))}
            value={filter.accountManagerIds}
            onChange={(values) => set({ accountManagerIds: values })}
            searchable
            clearable
          />
        </>
      )}
      <Switch
        size="sm"
        label="Overdue only"
        checked={filter.overdueOnly}
        onChange={(event) => set({ overdueOnly: event.currentTarget.checked })}
        mb={4}
      />
      {count > 0 && (
        <Button size="xs" variant="subtle" onClick={() => onChange(EMPTY_MAP_FILTER)}>
          Clear {count} filter{count === 1 ? '' : 's'}
        </Button>
      )}
    </Group>
  );
}
