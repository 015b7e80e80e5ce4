import { Alert } from '@mantine/core';
import { describeError } from '../../ui/error.describe';
import { classifyFailure } from './outbox.rules';

/**
 * The server's refusal of a capture, in its own words (a spot outside the
 * property, a closed Issue…), for the person to fix. A network failure is not
 * shown here: the outbox keeps the capture and sends it later.
 */
export function CaptureRefusal({ errors }: { errors: readonly unknown[] }) {
  const refusal = errors.find((error) => error && !classifyFailure(error).retry);
  if (!refusal) return null;
  const { title, message } = describeError(refusal);
  return (
    <Alert color="red" title={title}>
      {message}
    </Alert>
  );
}
