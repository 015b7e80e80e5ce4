import { Alert, Button, Group, Text } from '@mantine/core';
import { nounFor, type NounForms } from './count.format';
import { describeError } from './error.describe';

type LoadMoreProps = {
  shown: number;
  total: number;
  /** What is listed, e.g. nounForms('open issue') (the form follows `total`). */
  noun: NounForms;
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  onLoadMore: () => void;
};

/** "Showing 20 of 57 open issues [Load more]", with the reason when the next page failed. */
export function LoadMore({ shown, total, noun, hasMore, loading, error, onLoadMore }: LoadMoreProps) {
  return (
    <>
      <Group justify="space-between" mt="xs">
        <Text size="xs" c="dimmed">
          Showing {shown} of {total} {nounFor(total, noun)}
        </Text>
        {hasMore && (
          <Button size="xs" variant="default" loading={loading} onClick={onLoadMore}>
            Load more
          </Button>
        )}
      </Group>
      {error != null && (
        <Alert color="red" variant="light" mt="xs" title={`Could not load more ${noun.other}`}>
          {describeError(error).message}
        </Alert>
      )}
    </>
  );
}
