import { Sparkline } from '@mantine/charts';
import { Text } from '@mantine/core';

type HealthSparklineProps = {
  history: readonly { date: string; score: number }[];
  w?: number;
  h?: number;
};

/**
 * The 90-day score at a glance. The line is coloured by its direction over the
 * period (green up, red down) because that is the question a row answers.
 */
export function HealthSparkline({ history, w = 110, h = 28 }: HealthSparklineProps) {
  if (history.length < 2) {
    return (
      <Text size="xs" c="dimmed" w={w}>
        No history yet
      </Text>
    );
  }
  const first = history[0]!.score;
  const last = history.at(-1)!.score;
  return (
    <Sparkline
      w={w}
      h={h}
      data={history.map((point) => point.score)}
      curveType="monotone"
      fillOpacity={0.25}
      strokeWidth={1.6}
      trendColors={{ positive: 'green.6', negative: 'red.6', neutral: 'gray.5' }}
      role="img"
      aria-label={`Health over 90 days: ${first} to ${last}`}
    />
  );
}
