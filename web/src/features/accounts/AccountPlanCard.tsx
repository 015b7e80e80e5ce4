import { Badge, Card, Group, List, Stack, Text, Timeline, Title } from '@mantine/core';
import { graphql } from '../../gql';
import type { AccountPlanCard_PlanFragment } from '../../gql/graphql';
import { formatDayOffset, formatLocalDate } from '../../ui/date.format';
import { Empty } from '../../ui/QueryState';
import {
  cadenceStatus,
  MONTHLY_REVIEW_MAX_DAYS,
  QUARTERLY_UPDATE_MAX_DAYS,
  type CadenceStatus,
} from './account-plan.cadence';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { companyToday } from '@groundwork/shared';

export const AccountPlanCard_plan = graphql(`
  fragment AccountPlanCard_plan on AccountPlan {
    id
    year
    goals
    opportunities
    lastMonthlyReviewDate
    lastQuarterlyUpdateDate
    reviews {
      id
      kind
      date
      notes
      reviewer {
        id
        name
      }
    }
  }
`);

const REVIEW_KIND_LABELS = { MONTHLY_REVIEW: 'Monthly review', QUARTERLY_UPDATE: 'Quarterly update' } as const;

function CadenceLine({
  label,
  date,
  status,
  maxDays,
}: {
  label: string;
  date: string | null;
  status: CadenceStatus;
  maxDays: number;
}) {
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      p={6}
      style={{
        borderRadius: 'var(--mantine-radius-sm)',
        background: status.overdue ? 'var(--mantine-color-red-0)' : 'var(--mantine-color-gray-0)',
      }}
      data-overdue={status.overdue}
    >
      <Stack gap={0}>
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Text size="xs" c="dimmed">
          {date ? `${formatLocalDate(date)} (${formatDayOffset(-(status.daysAgo ?? 0))})` : 'Never'} · due every{' '}
          {maxDays} days
        </Text>
      </Stack>
      {status.overdue ? (
        <Badge color="red" variant="filled" size="sm" style={{ flexShrink: 0 }}>
          Overdue
        </Badge>
      ) : (
        <Badge color="green" variant="light" size="sm" style={{ flexShrink: 0 }}>
          On track
        </Badge>
      )}
    </Group>
  );
}

type AccountPlanCardProps = { plan: AccountPlanCard_PlanFragment | null; year?: number; now?: Date };

/** A titled list of the plan's goals or opportunities, or a line saying there are none. */
function PlanList({
  title,
  items,
  empty,
  ordered = false,
}: {
  title: string;
  items: string[];
  empty: string;
  ordered?: boolean;
}) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {title}
      </Text>
      {items.length ? (
        <List size="sm" spacing={2} type={ordered ? 'ordered' : 'unordered'}>
          {items.map((item, i) => (
            <List.Item key={i}>{item}</List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
    </Stack>
  );
}

/** The year's account plan and whether its review cadence is being kept (the Control discipline). */
export function AccountPlanCard({ plan, year, now = new Date() }: AccountPlanCardProps) {
  const timeZone = useCompanyTimeZone();
  const planYear = year ?? Number(companyToday(now, timeZone).slice(0, 4));
  if (!plan) {
    return (
      <Card>
        <Title order={4} mb="xs">
          Account plan
        </Title>
        <Empty
          title={`No account plan for ${planYear}`}
          description="Goals, opportunities and reviews appear here once a plan is written."
        />
      </Card>
    );
  }
  const monthly = cadenceStatus(plan.lastMonthlyReviewDate, MONTHLY_REVIEW_MAX_DAYS, now, timeZone);
  const quarterly = cadenceStatus(plan.lastQuarterlyUpdateDate, QUARTERLY_UPDATE_MAX_DAYS, now, timeZone);
  const reviews = [...plan.reviews].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <Card>
      <Stack gap="sm">
        <Title order={4}>Account plan {plan.year}</Title>
        <CadenceLine
          label="Monthly review"
          date={plan.lastMonthlyReviewDate}
          status={monthly}
          maxDays={MONTHLY_REVIEW_MAX_DAYS}
        />
        <CadenceLine
          label="Quarterly update"
          date={plan.lastQuarterlyUpdateDate}
          status={quarterly}
          maxDays={QUARTERLY_UPDATE_MAX_DAYS}
        />
        <PlanList title="Goals" items={plan.goals} empty="No goals written." />
        <PlanList
          title="Aligned opportunities"
          items={plan.opportunities}
          empty="No opportunities identified."
          ordered
        />
        <Stack gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Reviews
          </Text>
          {reviews.length === 0 ? (
            <Text size="sm" c="dimmed">
              No reviews recorded this year.
            </Text>
          ) : (
            <Timeline bulletSize={10} lineWidth={2}>
              {reviews.map((review) => (
                <Timeline.Item
                  key={review.id}
                  title={
                    <Group gap={6}>
                      <Text size="sm" fw={600}>
                        {REVIEW_KIND_LABELS[review.kind]}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {formatLocalDate(review.date)} · {review.reviewer.name}
                      </Text>
                    </Group>
                  }
                >
                  <Text size="xs" c="dimmed" lineClamp={3}>
                    {review.notes || 'No notes.'}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Stack>
      </Stack>
    </Card>
  );
}
