import { AppShell, Burger, Group, NavLink, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingCommunity, IconChartDonut3, IconLeaf, IconMap2 } from '@tabler/icons-react';
import { Link, Outlet, useLocation } from 'react-router';

const NAVIGATION = [
  { to: '/map', label: 'Map', icon: IconMap2 },
  { to: '/accounts', label: 'Accounts', icon: IconBuildingCommunity },
  { to: '/portfolio', label: 'Portfolio', icon: IconChartDonut3 },
] as const;

/** Header with the product name, navigation on the side, the page in the main area. */
export function AppLayout() {
  const [navOpen, nav] = useDisclosure(false);
  const { pathname } = useLocation();

  return (
    <AppShell
      header={{ height: 48 }}
      navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" gap="sm">
          <Burger opened={navOpen} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
          <ThemeIcon size="md" variant="filled" radius="sm" aria-hidden>
            <IconLeaf size={16} />
          </ThemeIcon>
          <Text fw={700} size="md">
            Groundwork
          </Text>
          <Text size="xs" c="dimmed" visibleFrom="sm">
            Operations
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {NAVIGATION.map(({ to, label, icon: Icon }) => (
          <NavLink
            key={to}
            component={Link}
            to={to}
            label={label}
            leftSection={<Icon size={18} stroke={1.6} />}
            active={pathname === to || pathname.startsWith(`${to}/`)}
            variant="light"
            // On small screens the navigation overlays the page: close it once the user has chosen.
            onClick={nav.close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
