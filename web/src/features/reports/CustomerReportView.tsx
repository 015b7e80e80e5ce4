import {
  Card,
  Checkbox,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
  type MantineColor,
} from '@mantine/core';
import {
  ENHANCEMENT_STAGE_LABELS,
  ISSUE_CATEGORY_LABELS,
  QUALITY_AREA_LABELS,
  type EnhancementStage,
  type IssueCategory,
  type QualityArea,
} from '@groundwork/shared';
import { IconArrowDownRight, IconArrowRight, IconArrowUpRight, IconMinus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { graphql } from '../../gql';
import type { CustomerReportView_ReportFragment } from '../../gql/graphql';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { formatLocalDate } from '../../ui/date.format';
import { formatMoney } from '../../ui/money.format';
import { formatCount, nounForms } from '../../ui/count.format';
import classes from './CustomerReportView.module.css';
import {
  formatDay,
  formatDuration,
  formatPercent,
  formatPeriod,
  formatScore,
  scoreTrend,
  type Trend,
} from './report.format';

export const CustomerReportView_report = graphql(`
  fragment CustomerReportView_report on CustomerReport {
    accountId
    accountName
    propertyId
    propertyName
    from
    to
    found
    foundOnWalks
    foundByCustomer
    foundByCrews
    foundByCategory {
      category
      count
    }
    fixed
    routineFixedWithVisit
    fixedByNextVisit
    fixedByNextVisitPercent
    medianHoursToFixRoutine
    medianHoursToFixUrgent
    stillOpen {
      id
      title
      category
      urgency
      propertyName
      reportedAt
      dueAt
      fixedAt
    }
    proofPairs {
      issue {
        id
        title
        category
        urgency
        propertyName
        reportedAt
        dueAt
        fixedAt
      }
      beforePhotoIds
      afterPhotoIds
      chosen
    }
    enhancementsApproved {
      id
      title
      stage
      value
      propertyName
      approvedAt
      photoIds
    }
    enhancementsApprovedValue
    enhancementsAwaitingDecision {
      id
      title
      stage
      value
      propertyName
      approvedAt
      photoIds
    }
    siteWalks {
      completedAt
      customerAttended
      propertyName
    }
    qualityByArea {
      area
      average
      previousAverage
      walks
    }
    nextVisits {
      date
      serviceLine
      propertyName
    }
  }
`);

type WithoutTypename<T> = T extends readonly (infer U)[]
  ? WithoutTypename<U>[]
  : T extends object
    ? { [K in keyof T as Exclude<K, '__typename'>]: WithoutTypename<T[K]> }
    : T;

/** The report as the view reads it: from the GraphQL query, or from a shared link's JSON (no __typename). */
export type CustomerReportData = WithoutTypename<CustomerReportView_ReportFragment>;

export type PhotoSize = 'thumb' | 'display';

type CustomerReportViewProps = {
  report: CustomerReportData;
  /** Where a photo of this report is read from (signed in, or through a shared link). */
  photoUrl: (photoId: string, size: PhotoSize) => string;
  /** Who prepared it, when known. */
  companyName?: string | null;
  /**
   * The Issue ids of the pairs shown. With `onTogglePair` every pair is listed with a checkbox (the
   * account manager's pick); without it only these pairs are shown, as the customer sees them.
   */
  chosenPairIds?: ReadonlySet<string>;
  onTogglePair?: (issueId: string, chosen: boolean) => void;
};

/** What was found, fixed, proposed and cared for, written for the customer. */
export function CustomerReportView({
  report,
  photoUrl,
  companyName,
  chosenPairIds,
  onTogglePair,
}: CustomerReportViewProps) {
  const chosen = chosenPairIds ?? new Set(report.proofPairs.filter((p) => p.chosen).map((p) => p.issue.id));
  return (
    <Stack gap="lg" maw={960} data-testid="customer-report">
      <Stack gap={4}>
        {companyName && (
          <Text size="sm" c="dimmed" fw={600}>
            {companyName}
          </Text>
        )}
        <Title order={1} fz={{ base: 24, sm: 30 }}>
          {report.accountName}
        </Title>
        <Text size="lg">{report.propertyName ?? 'All properties'}</Text>
        <Text c="dimmed" data-testid="report-period">
          Our work for you, {formatPeriod(report.from, report.to)}
        </Text>
      </Stack>
      <FoundAndFixed report={report} />
      <Proof report={report} photoUrl={photoUrl} chosen={chosen} onTogglePair={onTogglePair} />
      <Enhancements report={report} photoUrl={photoUrl} />
      <Care report={report} />
    </Stack>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Card component="section" className={classes.section} aria-label={title} data-testid={testId}>
      <Stack gap="md">
        <Title order={2} fz={{ base: 20, sm: 22 }}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={0}>
      <Text fz={28} fw={700} lh={1.2} data-testid={testId}>
        {value}
      </Text>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

function categoryLabel(category: string): string {
  return ISSUE_CATEGORY_LABELS[category as IssueCategory] ?? category;
}

function FoundAndFixed({ report }: { report: CustomerReportData }) {
  const timeZone = useCompanyTimeZone();
  const sources = [
    report.foundOnWalks > 0 && `${report.foundOnWalks} on our site walks`,
    report.foundByCrews > 0 && `${report.foundByCrews} spotted by our crews`,
    report.foundByCustomer > 0 && `${report.foundByCustomer} reported by you`,
  ].filter(Boolean);
  // Medians (half the fixes took longer); a kind with no fix in the period is left unsaid.
  const typicalTimes = [
    report.medianHoursToFixRoutine !== null && `${formatDuration(report.medianHoursToFixRoutine)} for routine issues`,
    report.medianHoursToFixUrgent !== null && `${formatDuration(report.medianHoursToFixUrgent)} for urgent ones`,
  ].filter(Boolean);
  return (
    <Section title="Found and fixed" testId="report-found-fixed">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        <Figure label="Issues found" value={String(report.found)} testId="figure-found" />
        <Figure label="Issues fixed" value={String(report.fixed)} testId="figure-fixed" />
        <Figure
          label="Fixed by the next scheduled visit"
          value={formatPercent(report.fixedByNextVisitPercent)}
          testId="figure-by-next-visit"
        />
        <Figure label="Still open" value={String(report.stillOpen.length)} testId="figure-still-open" />
      </SimpleGrid>
      {report.found > 0 ? (
        <Text size="sm">
          Of the {formatCount(report.found, 'issue')} found: {sources.join(', ')}.
          {report.foundByCategory.length > 0 &&
            ` By kind: ${report.foundByCategory.map((c) => `${categoryLabel(c.category)} ${c.count}`).join(', ')}.`}
        </Text>
      ) : (
        <Text size="sm">No issue was found in this period.</Text>
      )}
      {report.routineFixedWithVisit > 0 && (
        <Text size="sm">
          By the next scheduled visit: {report.fixedByNextVisit} of{' '}
          {formatCount(report.routineFixedWithVisit, nounForms('routine fix', 'routine fixes'))}.
        </Text>
      )}
      {typicalTimes.length > 0 && (
        <Text size="sm" data-testid="report-median">
          Typical time to fix: {typicalTimes.join(', ')}.
        </Text>
      )}
      {report.stillOpen.length > 0 && (
        <Stack gap={4}>
          <Title order={3} fz="md">
            Still open
          </Title>
          <List size="sm" spacing={4}>
            {report.stillOpen.map((issue) => (
              <List.Item key={issue.id}>
                {issue.title} — {issue.propertyName},{' '}
                {issue.dueAt ? `due ${formatDay(issue.dueAt, timeZone)}` : 'to be scheduled'}
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
    </Section>
  );
}

function Proof({
  report,
  photoUrl,
  chosen,
  onTogglePair,
}: {
  report: CustomerReportData;
  photoUrl: CustomerReportViewProps['photoUrl'];
  chosen: ReadonlySet<string>;
  onTogglePair?: CustomerReportViewProps['onTogglePair'];
}) {
  const timeZone = useCompanyTimeZone();
  // Picking: every pair, the unchosen dimmed. Reading: the chosen ones only.
  const pairs = onTogglePair ? report.proofPairs : report.proofPairs.filter((p) => chosen.has(p.issue.id));
  return (
    <Section title="Before and after" testId="report-proof">
      {pairs.length === 0 && <Text size="sm">No before and after photos for this period.</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="lg">
        {pairs.map(({ issue, beforePhotoIds, afterPhotoIds }) => {
          const isChosen = chosen.has(issue.id);
          return (
            <Stack
              key={issue.id}
              gap={6}
              className={`${classes.pair} ${isChosen ? '' : classes.unchosen}`}
              data-testid="proof-pair"
              data-chosen={isChosen}
            >
              <SimpleGrid cols={2} spacing={8}>
                <PairPhoto
                  label="Before"
                  photoId={beforePhotoIds[0]}
                  photoUrl={photoUrl}
                  title={issue.title}
                  eager={isChosen}
                />
                <PairPhoto
                  label="After"
                  photoId={afterPhotoIds[0]}
                  photoUrl={photoUrl}
                  title={issue.title}
                  eager={isChosen}
                />
              </SimpleGrid>
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Stack gap={0} miw={0}>
                  <Text fw={600} size="md" data-testid="proof-title">
                    {issue.title}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {issue.propertyName} · {categoryLabel(issue.category)}
                    {issue.fixedAt && ` · fixed ${formatDay(issue.fixedAt, timeZone)}`}
                  </Text>
                </Stack>
                {onTogglePair && (
                  <Checkbox
                    className={classes.noPrint}
                    label="In the report"
                    checked={isChosen}
                    onChange={(event) => onTogglePair(issue.id, event.currentTarget.checked)}
                    aria-label={`Show “${issue.title}” in the report`}
                  />
                )}
              </Group>
            </Stack>
          );
        })}
      </SimpleGrid>
    </Section>
  );
}

function PairPhoto({
  label,
  photoId,
  photoUrl,
  title,
  eager,
}: {
  label: string;
  photoId: string | undefined;
  eager: boolean;
  photoUrl: CustomerReportViewProps['photoUrl'];
  title: string;
}) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {photoId && (
        <img
          className={classes.photo}
          // Half the width on a phone, a quarter on a desktop: the thumbnail where it is enough.
          src={photoUrl(photoId, 'display')}
          srcSet={`${photoUrl(photoId, 'thumb')} 320w, ${photoUrl(photoId, 'display')} 1600w`}
          sizes="(max-width: 48em) 50vw, 240px"
          alt={`${label}: ${title}`}
          // What is left out waits until scrolled to; what is in the report loads at once, for print.
          loading={eager ? 'eager' : 'lazy'}
        />
      )}
    </Stack>
  );
}

function stageLabel(stage: string): string {
  return ENHANCEMENT_STAGE_LABELS[stage as EnhancementStage] ?? stage;
}

function Enhancements({
  report,
  photoUrl,
}: {
  report: CustomerReportData;
  photoUrl: CustomerReportViewProps['photoUrl'];
}) {
  const timeZone = useCompanyTimeZone();
  return (
    <Section title="Improvements" testId="report-enhancements">
      <Stack gap={4}>
        <Title order={3} fz="md">
          Approved
        </Title>
        {report.enhancementsApproved.length === 0 ? (
          <Text size="sm">No improvement was approved in this period.</Text>
        ) : (
          <>
            <Text size="sm" data-testid="enhancements-approved-value">
              {formatCount(report.enhancementsApproved.length, 'improvement')} approved, worth{' '}
              {formatMoney(report.enhancementsApprovedValue)} in all.
            </Text>
            {report.enhancementsApproved.map((e) => (
              <Group key={e.id} gap="sm" wrap="nowrap" align="flex-start" className={classes.pair}>
                {e.photoIds[0] && (
                  <img
                    src={photoUrl(e.photoIds[0], 'thumb')}
                    alt={e.title}
                    width={96}
                    height={72}
                    style={{ objectFit: 'cover', borderRadius: 4, flexShrink: 0 }}
                    loading="lazy"
                  />
                )}
                <Stack gap={0} miw={0}>
                  <Text size="sm" fw={600}>
                    {e.title}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {e.propertyName} · {formatMoney(e.value)}
                    {e.approvedAt && ` · approved ${formatDay(e.approvedAt, timeZone)}`}
                    {e.stage !== 'APPROVED' && ` · ${stageLabel(e.stage)}`}
                  </Text>
                </Stack>
              </Group>
            ))}
          </>
        )}
      </Stack>
      <Stack gap={4}>
        <Title order={3} fz="md">
          Awaiting your decision
        </Title>
        {report.enhancementsAwaitingDecision.length === 0 ? (
          <Text size="sm">Nothing is waiting for your decision.</Text>
        ) : (
          <List size="sm" spacing={4}>
            {report.enhancementsAwaitingDecision.map((e) => (
              <List.Item key={e.id}>
                {e.title} — {e.propertyName}, {formatMoney(e.value)}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Section>
  );
}

const TREND: Record<Trend, { icon: typeof IconArrowUpRight; color: MantineColor; words: string }> = {
  up: { icon: IconArrowUpRight, color: 'green', words: 'better than the period before' },
  down: { icon: IconArrowDownRight, color: 'orange', words: 'lower than the period before' },
  same: { icon: IconArrowRight, color: 'gray', words: 'the same as the period before' },
  new: { icon: IconMinus, color: 'gray', words: 'no score the period before' },
};

function attendance(attended: boolean | null): string {
  if (attended === null) return '—';
  return attended ? 'You joined us' : 'Walked without you';
}

function Care({ report }: { report: CustomerReportData }) {
  const timeZone = useCompanyTimeZone();
  return (
    <Section title="Care" testId="report-care">
      <Stack gap={4}>
        <Title order={3} fz="md">
          Site walks
        </Title>
        {report.siteWalks.length === 0 ? (
          <Text size="sm">No site walk in this period.</Text>
        ) : (
          <Table fz="sm" withRowBorders={false} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Property</Table.Th>
                <Table.Th>With you</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.siteWalks.map((walk) => (
                <Table.Tr key={`${walk.completedAt}-${walk.propertyName}`}>
                  <Table.Td>{formatDay(walk.completedAt, timeZone)}</Table.Td>
                  <Table.Td>{walk.propertyName}</Table.Td>
                  <Table.Td>{attendance(walk.customerAttended)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Stack gap={4}>
        <Title order={3} fz="md">
          Quality by area (out of 5)
        </Title>
        {report.qualityByArea.length === 0 ? (
          <Text size="sm">No quality score in this period.</Text>
        ) : (
          report.qualityByArea.map((area) => {
            const trend = TREND[scoreTrend(area.average, area.previousAverage)];
            const Icon = trend.icon;
            const label = QUALITY_AREA_LABELS[area.area as QualityArea] ?? area.area;
            return (
              <Group key={area.area} gap="xs" wrap="nowrap" align="flex-start" data-testid="quality-area">
                <Stack gap={0} style={{ flex: 1 }}>
                  <Text size="sm">{label}</Text>
                  <Text size="xs" c="dimmed">
                    {area.previousAverage === null
                      ? trend.words
                      : `${trend.words} (${formatScore(area.previousAverage)})`}
                  </Text>
                </Stack>
                <Text size="sm" fw={700}>
                  {formatScore(area.average)}
                </Text>
                <ThemeIcon size="sm" variant="light" color={trend.color} aria-hidden>
                  <Icon size={14} />
                </ThemeIcon>
              </Group>
            );
          })
        )}
      </Stack>
      <Stack gap={4}>
        <Title order={3} fz="md">
          Next visits
        </Title>
        {report.nextVisits.length === 0 ? (
          <Text size="sm">No visit scheduled.</Text>
        ) : (
          <List size="sm" spacing={4}>
            {report.nextVisits.map((visit) => (
              <List.Item key={`${visit.date}-${visit.serviceLine}-${visit.propertyName}`}>
                {formatLocalDate(visit.date)}: {visit.serviceLine}, {visit.propertyName}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Section>
  );
}
