import { ROLE_LABELS } from '@groundwork/shared';
import { AppShell, Burger, Group, NavLink, Stack, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBuildingCommunity,
  IconChartDonut3,
  IconChecklist,
  IconGauge,
  IconLeaf,
  IconMap2,
  IconWalk,
  type TablerIcon,
} from '@tabler/icons-react';
import { Link, Outlet, useLocation } from 'react-router';
import { useSignedInUser } from '../features/auth/auth.context';
import { SECTION_LABELS, SECTION_PATHS, SECTIONS_BY_ROLE, type Section } from '../features/auth/role.access';
import { SignOutButton } from '../features/auth/SignOutButton';
import { LiveIndicator } from '../features/live/LiveIndicator';

const SECTION_ICONS: Readonly<Record<Section, TablerIcon>> = {
  portfolio: IconChartDonut3,
  accounts: IconBuildingCommunity,
  map: IconMap2,
  walk: IconWalk,
  work: IconChecklist,
  kpis: IconGauge,
};

/** Header with the product name and who is signed in, the role's navigation on the side, the page in the main area. */
export function AppLayout() {
  const [navOpen, nav] = useDisclosure(false);
  const { pathname } = useLocation();
  const user = useSignedInUser();

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" gap="sm" wrap="nowrap">
          <Burger opened={navOpen} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
          <ThemeIcon size="md" variant="filled" radius="sm" aria-hidden>
            <IconLeaf size={16} />
          </ThemeIcon>
          {/* On a phone the leaf alone marks the product; the room goes to who is signed in. */}
          <Text fw={700} size="md" visibleFrom="xs">
            Groundwork
          </Text>
          <Text size="xs" c="dimmed" visibleFrom="sm">
            Operations
          </Text>
          <Group ml="auto" gap="sm" wrap="nowrap" miw={0}>
            <LiveIndicator />
            <Stack gap={0} align="flex-end" data-testid="current-user" miw={0}>
              <Text size="sm" fw={600} lh={1.2} truncate="end" maw={180}>
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {ROLE_LABELS[user.role]}
              </Text>
            </Stack>
            <SignOutButton />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {SECTIONS_BY_ROLE[user.role].map((section) => {
          const to = SECTION_PATHS[section];
          const Icon = SECTION_ICONS[section];
          return (
            <NavLink
              key={section}
              component={Link}
              to={to}
              label={SECTION_LABELS[section]}
              leftSection={<Icon size={18} stroke={1.6} />}
              active={pathname === to || pathname.startsWith(`${to}/`)}
              variant="light"
              // On small screens the navigation overlays the page: close it once the user has chosen.
              onClick={nav.close}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
