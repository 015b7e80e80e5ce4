import { Alert, Badge, Button, EmptyState, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconInbox, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { describeError } from './error.describe';

type QueryErrorProps = {
  /** The error from Apollo (or anything thrown). */
  error: unknown;
  /** What failed to load, e.g. "accounts" — completes "Could not load …". */
  what: string;
  onRetry?: () => void;
};

/** Says what failed, shows the server's message and code, and offers a retry. */
export function QueryError({ error, what, onRetry }: QueryErrorProps) {
  const { title, message, code } = describeError(error);
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={`Could not load ${what}: ${title}`}
      role="alert"
    >
      <Stack gap="xs">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {message}
        </Text>
        <Group gap="xs">
          {code && (
            <Badge color="red" variant="outline" size="sm" radius="sm" ff="monospace">
              {code}
            </Badge>
          )}
          {onRetry && (
            <Button size="xs" variant="light" color="red" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
              Retry
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}

type EmptyProps = {
  /** Names what is empty, e.g. "No open issues". */
  title: string;
  description?: ReactNode;
  children?: ReactNode;
};

/** An empty state that says what is empty (and, ideally, why or what to do). */
export function Empty({ title, description, children }: EmptyProps) {
  return (
    <EmptyState
      size="sm"
      variant="light"
      color="gray"
      py="lg"
      icon={<IconInbox size={20} />}
      title={title}
      description={description}
    >
      {children}
    </EmptyState>
  );
}

type TableSkeletonProps = { columns: number; rows?: number };

/** Placeholder rows shaped like the table that is loading, so the layout does not jump. */
export function TableSkeleton({ columns, rows = 8 }: TableSkeletonProps) {
  return (
    <Table aria-busy="true" aria-label="Loading">
      <Table.Tbody>
        {Array.from({ length: rows }, (_, r) => (
          <Table.Tr key={r}>
            {Array.from({ length: columns }, (_, c) => (
              <Table.Td key={c}>
                <Skeleton height={12} radius="sm" width={c === 0 ? '80%' : '60%'} />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Placeholder for a card-like section. */
export function SectionSkeleton({ lines = 4 }: { lines?: number }) {
  return (
    <Stack gap="xs" aria-busy="true" aria-label="Loading">
      <Skeleton height={16} width="40%" radius="sm" />
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} height={10} radius="sm" width={`${90 - i * 10}%`} />
      ))}
    </Stack>
  );
}
