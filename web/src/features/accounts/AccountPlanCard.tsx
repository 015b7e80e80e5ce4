import { Badge, Button, Card, Group, List, Stack, Text, Timeline, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { formatCount } from '../../ui/count.format';
import { ExpandToggle } from '../../ui/ExpandToggle';
import { graphql } from '../../gql';
import type { AccountPlanCard_PlanFragment } from '../../gql/graphql';
import { formatDayOffset, formatLocalDate } from '../../ui/date.format';
import { Empty } from '../../ui/QueryState';
import { cadenceStatus, type CadenceStatus } from './account-plan.cadence';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { useHealthThresholds } from '../../ui/health-thresholds';
import { companyToday } from '@groundwork/shared';
import { AccountPlanEditor } from './AccountPlanEditor';
import { PlanReviewDialog, REVIEW_KIND_LABELS } from './PlanReviewDialog';

export const AccountPlanCard_plan = graphql(`
  fragment AccountPlanCard_plan on AccountPlan {
    id
    year
    version
    goals
    opportunities
    notes
    opportunityEnhancements {
      id
      title
    }
    peopleMet {
      id
      name
    }
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

/** The latest reviews show at once; a year's worth would make the card far longer than the page beside it. */
const REVIEWS_SHOWN = 3;

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

type AccountPlanCardProps = {
  plan: AccountPlanCard_PlanFragment | null;
  year?: number;
  now?: Date;
  /** With `editing`, the viewer may write the plan and record its reviews (the server checks the same rule). */
  editing?: {
    accountId: string;
    contacts: readonly { id: string; name: string; title?: string | null }[];
    /** Reloads the page's read after a change. */
    onChanged: () => Promise<unknown>;
  };
};

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
export function AccountPlanCard({ plan, year, now = new Date(), editing }: AccountPlanCardProps) {
  const timeZone = useCompanyTimeZone();
  const { monthlyReviewMaxDays, quarterlyUpdateMaxDays } = useHealthThresholds();
  const [showAllReviews, setShowAllReviews] = useState(false);
  const [editorOpen, setEditorOpen] = useState(false);
  const [reviewOpen, setReviewOpen] = useState(false);
  const reviewsId = useId();
  const planYear = year ?? Number(companyToday(now, timeZone).slice(0, 4));
  const editor = editing && (
    <AccountPlanEditor
      opened={editorOpen}
      onClose={() => setEditorOpen(false)}
      accountId={editing.accountId}
      year={plan?.year ?? planYear}
      plan={plan}
      contacts={editing.contacts}
      onChanged={editing.onChanged}
    />
  );
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
        {editing && (
          <Button mt="sm" onClick={() => setEditorOpen(true)}>
            Write the {planYear} plan
          </Button>
        )}
        {editor}
      </Card>
    );
  }
  const monthly = cadenceStatus(plan.lastMonthlyReviewDate, monthlyReviewMaxDays, now, timeZone);
  const quarterly = cadenceStatus(plan.lastQuarterlyUpdateDate, quarterlyUpdateMaxDays, now, timeZone);
  const reviews = [...plan.reviews].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <Card>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={4}>Account plan {plan.year}</Title>
          {editing && (
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => setEditorOpen(true)}>
                Edit plan
              </Button>
              <Button size="xs" onClick={() => setReviewOpen(true)}>
                Record review
              </Button>
            </Group>
          )}
        </Group>
        <CadenceLine
          label="Monthly review"
          date={plan.lastMonthlyReviewDate}
          status={monthly}
          maxDays={monthlyReviewMaxDays}
        />
        <CadenceLine
          label="Quarterly update"
          date={plan.lastQuarterlyUpdateDate}
          status={quarterly}
          maxDays={quarterlyUpdateMaxDays}
        />
        <PlanList title="Goals" items={plan.goals} empty="No goals written." />
        <PlanList
          title="Aligned opportunities"
          items={plan.opportunities}
          empty="No opportunities identified."
          ordered
        />
        {plan.opportunityEnhancements.length > 0 && (
          <PlanList
            title="Enhancements that carry them"
            items={plan.opportunityEnhancements.map((e) => e.title)}
            empty=""
          />
        )}
        <PlanList title="People met" items={plan.peopleMet.map((c) => c.name)} empty="Nobody recorded yet." />
        {plan.notes && (
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {plan.notes}
          </Text>
        )}
        <Stack gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Reviews
          </Text>
          {reviews.length === 0 ? (
            <Text size="sm" c="dimmed">
              No reviews recorded this year.
            </Text>
          ) : (
            <Timeline bulletSize={10} lineWidth={2} id={reviewsId}>
              {(showAllReviews ? reviews : reviews.slice(0, REVIEWS_SHOWN)).map((review) => (
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
          {reviews.length > REVIEWS_SHOWN && (
            <ExpandToggle
              expanded={showAllReviews}
              controls={reviewsId}
              onToggle={() => setShowAllReviews((all) => !all)}
            >
              {showAllReviews ? 'Show the latest only' : `Show all ${formatCount(reviews.length, 'review')}`}
            </ExpandToggle>
          )}
        </Stack>
      </Stack>
      {editor}
      {editing && (
        <PlanReviewDialog
          opened={reviewOpen}
          onClose={() => setReviewOpen(false)}
          planId={plan.id}
          kind={quarterly.overdue ? 'QUARTERLY_UPDATE' : 'MONTHLY_REVIEW'}
          onRecorded={editing.onChanged}
          now={now}
        />
      )}
    </Card>
  );
}
