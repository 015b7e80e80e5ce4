import { Badge, Card, ColorSwatch, Grid, Group, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { graphql } from '../../gql';
import type { AccountProperties_PropertiesFragment } from '../../gql/graphql';
import { daysUntilDate, describeSchedule } from '@groundwork/shared';
import { formatDayOffset, formatLocalDate } from '../../ui/date.format';
import { PropertyMap } from '../../ui/PropertyMap';
import type { DeskIssueTarget } from '../capture/DeskIssueSheet';
import { Empty } from '../../ui/QueryState';
import { formatArea } from './property.format';
import { formatCount } from '../../ui/count.format';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { StackedItem, StackedList, usePhoneList } from '../../ui/StackedList';

export const AccountProperties_properties = graphql(`
  fragment AccountProperties_properties on Property {
    id
    name
    address
    areaSqm
    boundary
    centroid {
      lng
      lat
    }
    openIssueCount
    openEnhancementCount
    schedules {
      id
      weekday
      cadence
      anchorDate
      nextVisitDate
      serviceLine {
        id
        name
      }
      crew {
        id
        name
        color
      }
    }
  }
`);

type Property = AccountProperties_PropertiesFragment;

function PropertyListItem({
  property,
  selected,
  onSelect,
}: {
  property: Property;
  selected: boolean;
  onSelect: () => void;
}) {
  return (
    <UnstyledButton
      onClick={onSelect}
      aria-pressed={selected}
      p="xs"
      style={{
        display: 'block',
        width: '100%',
        borderRadius: 'var(--mantine-radius-sm)',
        border: `1px solid ${selected ? 'var(--mantine-color-blue-5)' : 'var(--mantine-color-gray-3)'}`,
        background: selected ? 'var(--mantine-color-blue-0)' : undefined,
      }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={600} truncate>
            {property.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {property.address}
          </Text>
        </Stack>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
          {formatArea(property.areaSqm)}
        </Text>
      </Group>
      <Group gap={6} mt={4}>
        <Badge size="xs" variant="light" color={property.openIssueCount > 0 ? 'orange' : 'gray'}>
          {formatCount(property.openIssueCount, 'open issue')}
        </Badge>
        <Badge size="xs" variant="light" color="gray">
          {formatCount(property.openEnhancementCount, 'open enhancement')}
        </Badge>
      </Group>
    </UnstyledButton>
  );
}

type Schedule = Property['schedules'][number];

function Schedules({ property, now }: { property: Property; now: Date }) {
  const timeZone = useCompanyTimeZone();
  const phone = usePhoneList();
  if (property.schedules.length === 0) {
    return <Empty title="No service schedule" description={`No crew is scheduled to visit ${property.name}.`} />;
  }
  const schedules = [...property.schedules].sort((a, b) => a.nextVisitDate.localeCompare(b.nextVisitDate));
  const crew = (schedule: Schedule) => (
    <Group gap={6} wrap="nowrap">
      <ColorSwatch color={schedule.crew.color} size={10} withShadow={false} aria-hidden />
      {schedule.crew.name}
    </Group>
  );
  const nextVisit = (schedule: Schedule) => (
    <>
      {formatLocalDate(schedule.nextVisitDate)}{' '}
      <Text span size="xs" c="dimmed">
        ({formatDayOffset(daysUntilDate(schedule.nextVisitDate, now, timeZone))})
      </Text>
    </>
  );
  if (phone) {
    // Four columns squeeze a phone's card until the next visit falls off its edge: one schedule per item.
    return (
      <StackedList label={`Service schedule — ${property.name}`}>
        {schedules.map((schedule) => (
          <StackedItem key={schedule.id}>
            <Group gap="xs" justify="space-between">
              <Text size="sm" fw={600}>
                {schedule.serviceLine.name}
              </Text>
              <Text size="sm" component="div">
                {crew(schedule)}
              </Text>
            </Group>
            <Text size="sm" component="div">
              {describeSchedule(schedule)} · next {nextVisit(schedule)}
            </Text>
          </StackedItem>
        ))}
      </StackedList>
    );
  }
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Service line</Table.Th>
          <Table.Th>Crew</Table.Th>
          <Table.Th>Visits</Table.Th>
          <Table.Th>Next visit</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {schedules.map((schedule) => (
          <Table.Tr key={schedule.id}>
            <Table.Td>{schedule.serviceLine.name}</Table.Td>
            <Table.Td>{crew(schedule)}</Table.Td>
            <Table.Td>{describeSchedule(schedule)}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{nextVisit(schedule)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

type AccountPropertiesProps = {
  properties: readonly Property[];
  selectedId: string | null;
  onSelect: (propertyId: string) => void;
  /** "New Issue here" from a right-click or long-press inside a property; absent for those who may not report. */
  onNewIssue?: (target: DeskIssueTarget) => void;
  /** The spot of the "New Issue here" being written, marked on the map. */
  newIssueSpot?: { lng: number; lat: number } | null;
  now?: Date;
};

/** The account's properties on a small map and in a list; selecting one shows who visits it and when. */
export function AccountProperties({
  properties,
  selectedId,
  onSelect,
  onNewIssue,
  newIssueSpot = null,
  now = new Date(),
}: AccountPropertiesProps) {
  const selected = properties.find((p) => p.id === selectedId) ?? null;
  return (
    <Card>
      <Stack gap="sm">
        <Title order={4}>Properties ({properties.length})</Title>
        {properties.length === 0 ? (
          <Empty title="No properties" description="This account has no properties yet." />
        ) : (
          <>
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, md: 7 }}>
                <PropertyMap
                  properties={properties}
                  selectedId={selectedId}
                  onSelect={onSelect}
                  onSpotPress={
                    onNewIssue &&
                    (({ propertyId, lngLat }) => {
                      const property = properties.find((p) => p.id === propertyId);
                      if (property) onNewIssue({ propertyId, propertyName: property.name, spot: lngLat });
                    })
                  }
                  spot={newIssueSpot}
                  height={300}
                />
                {onNewIssue && (
                  <Text size="xs" c="dimmed" mt={4}>
                    A customer called? Right-click or long-press the spot on a property: New Issue here.
                  </Text>
                )}
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                {/* Scrolls up and down only: a native overflow, so a long name truncates instead of
                    widening the list under a sideways scrollbar. */}
                <div style={{ maxHeight: 300, overflowY: 'auto', overflowX: 'hidden' }}>
                  <Stack gap={6}>
                    {properties.map((property) => (
                      <PropertyListItem
                        key={property.id}
                        property={property}
                        selected={property.id === selectedId}
                        onSelect={() => onSelect(property.id)}
                      />
                    ))}
                  </Stack>
                </div>
              </Grid.Col>
            </Grid>
            {selected && (
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  Service schedule — {selected.name}
                </Text>
                <Schedules property={selected} now={now} />
              </Stack>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
