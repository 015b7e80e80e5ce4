import { HEALTH_BAND_LABELS, type HealthBand } from '@groundwork/shared';
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { HEALTH_BAND_COLORS, RENEWAL_RISK_COLORS } from '../../ui/domain.colors';
import { formatTrend, RENEWAL_RISK_LABELS, trendTone } from './health.format';
import type { RenewalRisk } from '@groundwork/shared';

type HealthBadgeProps = {
  score: number;
  band: HealthBand;
  /** Set when a hard flag caps the band below what the score alone gives. */
  cappedBy?: string | null;
  /** Off where the score is already shown large beside it. */
  withScore?: boolean;
};

/** "82 Healthy": the score in the band's colour; a capped band says why in its tooltip. */
export function HealthBadge({ score, band, cappedBy, withScore = true }: HealthBadgeProps) {
  const badge = (
    <Badge
      color={HEALTH_BAND_COLORS[band]}
      variant="light"
      size="md"
      // Table columns may be narrow: a badge keeps its whole label rather than an ellipsis.
      miw="max-content"
      leftSection={
        withScore && (
          <Text span fw={700} fz="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {score}
          </Text>
        )
      }
      aria-label={`Health ${score}, ${HEALTH_BAND_LABELS[band]}`}
    >
      {HEALTH_BAND_LABELS[band]}
    </Badge>
  );
  return cappedBy ? <Tooltip label={`Capped at At risk: ${cappedBy}`}>{badge}</Tooltip> : badge;
}

export function RiskBadge({ risk }: { risk: RenewalRisk }) {
  return (
    <Badge color={RENEWAL_RISK_COLORS[risk]} variant={risk === 'HIGH' ? 'filled' : 'light'} size="sm" miw="max-content">
      {RENEWAL_RISK_LABELS[risk]}
    </Badge>
  );
}

/** "+6" in green, "−12" in red: the 30-day change in points. */
export function TrendText({ trend, size = 'sm' }: { trend: number | null; size?: string }) {
  const tone = trendTone(trend);
  return (
    <Group gap={0} wrap="nowrap" component="span">
      <Text
        span
        size={size}
        fw={tone === 'dimmed' ? 400 : 600}
        c={tone === 'dimmed' ? 'dimmed' : `${tone}.8`}
        style={{ fontVariantNumeric: 'tabular-nums' }}
        title={trend == null ? 'No score 30 days ago yet' : `${formatTrend(trend)} points in 30 days`}
      >
        {formatTrend(trend)}
      </Text>
    </Group>
  );
}
