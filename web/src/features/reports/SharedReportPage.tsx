import { Button, Center, Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconPrinter, IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { CustomerReportView } from './CustomerReportView';
import classes from './CustomerReportView.module.css';
import { loadSharedReport, sharedPhotoUrl, sharedReportPdfUrl, type SharedReportResult } from './shared-report.load';

const DEAD_ENDS = {
  notFound: {
    title: 'We could not find this report',
    message: 'Check that the link is complete, or ask your account manager to send it again.',
  },
  expired: {
    title: 'This report link has expired',
    message: 'Ask your account manager for a new one.',
  },
  revoked: {
    title: 'This report link was withdrawn',
    message: 'Ask your account manager for a new one.',
  },
} as const;

/** A report shared with the customer through its link: no sign-in, read-only, only that report. */
export function SharedReportPage() {
  const { token = '' } = useParams();
  const [result, setResult] = useState<SharedReportResult | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    void loadSharedReport(token).then((loaded) => {
      if (current) setResult(loaded);
    });
    return () => {
      current = false;
    };
  }, [token, attempt]);

  return (
    <Container size="md" px={{ base: 'sm', sm: 'md' }} py="md" component="main">
      {result === null ? (
        <Center py="xl" aria-busy="true">
          <Loader size="sm" aria-label="Loading the report" />
        </Center>
      ) : result.status === 'ok' ? (
        <Stack gap="md">
          <Group gap="xs" justify="flex-end" className={classes.noPrint}>
            <Button size="xs" variant="default" leftSection={<IconPrinter size={14} />} onClick={() => window.print()}>
              Print
            </Button>
            <Button
              size="xs"
              variant="default"
              component="a"
              href={sharedReportPdfUrl(token)}
              leftSection={<IconDownload size={14} />}
            >
              Download PDF
            </Button>
          </Group>
          <CustomerReportView
            report={result.shared.report}
            companyName={result.shared.companyName}
            photoUrl={sharedPhotoUrl(token)}
          />
        </Stack>
      ) : result.status === 'failed' ? (
        <Stack gap="xs" align="flex-start" py="xl" role="alert">
          <Title order={1} fz={24}>
            The report could not be loaded
          </Title>
          <Text>{result.message}</Text>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconRefresh size={14} />}
            onClick={() => setAttempt((n) => n + 1)}
          >
            Try again
          </Button>
        </Stack>
      ) : (
        <Stack gap="xs" align="flex-start" py="xl" data-testid="shared-report-dead-end">
          <Title order={1} fz={24}>
            {DEAD_ENDS[result.status].title}
          </Title>
          <Text>{DEAD_ENDS[result.status].message}</Text>
        </Stack>
      )}
    </Container>
  );
}
