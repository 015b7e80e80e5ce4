import { activeFilterCount } from './map.url-state';
import { canAssignIssue, canReportIssues, plural } from '@groundwork/shared';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Collapse,
  Drawer,
  Group,
  Notification,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useMediaQuery } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconList, IconUsersGroup } from '@tabler/icons-react';
import { lazy, memo, Suspense, useCallback, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { describeError } from '../../ui/error.describe';
import { loadMapConfig } from '../../ui/map.config';
import { hasWebGL2, MapErrorBoundary } from '../../ui/PropertyMap';
import { useSearchParamsState } from '../../ui/search-params.hook';
import { useSignedInUser } from '../auth/auth.context';
import { DeskIssueSheet, type DeskIssueTarget } from '../capture/DeskIssueSheet';
import { CrewPanel, MapCrewsQuery, type MapCrew } from './CrewPanel';
import { useMapData } from './map-data.hook';
import { parseMapUrlState, writeMapUrlState, type MapFilterState, type MapViewport } from './map.url-state';
import { viewportBox, type ViewBox } from './map.viewport';
import { MapFilters } from './MapFilters';
import { MapLegend } from './MapLegend';
import classes from './MapPage.module.css';
import { PinDrawer } from './PinDrawer';
import { PinList } from './PinList';
import { PinStackChooser } from './PinStackChooser';

// maplibre is large and needs WebGL: load it only when the map is on screen,
// and fetch the basemap config meanwhile rather than after it.
const loadCanvas = () => import('./OpsMapCanvas').then((m) => ({ default: memo(m.OpsMapCanvas) }));
let canvasModule: ReturnType<typeof loadCanvas> | null = null;
/**
 * Starts fetching the map's chunk and basemap config. Called at start-up
 * when the app opens on the map, so both load while the session is checked.
 */
export function preloadMapCanvas() {
  void loadMapConfig();
  canvasModule ??= loadCanvas();
  return canvasModule;
}
const OpsMapCanvas = lazy(preloadMapCanvas);
// Every pin change (a drop, a live event) re-renders the page: the panels beside the map need not follow.
const MemoFilters = memo(MapFilters);
const MemoCrewPanel = memo(CrewPanel);
const MemoLegend = memo(MapLegend);
const MemoPinDrawer = memo(PinDrawer);
const MemoPinList = memo(PinList);
/** The map frame's border: the canvas is this much smaller than its area on each side. */
const FRAME_BORDER_PX = 1;
const NO_CREWS: readonly MapCrew[] = [];
/** Phone-sized: the map takes the screen, filters and legend fold away, crews open in a sheet (nothing to drag onto). */
const PHONE_QUERY = '(max-width: 48em)';

/**
 * The operations map: every property in view with its open Issues and
 * Enhancements, live; filters and viewport in the URL; drag an Issue onto a
 * crew to assign it, or to a new spot to move it; click it for the details.
 */
export function MapPage() {
  const user = useSignedInUser();
  const [params, setParams] = useSearchParamsState();
  const urlState = useMemo(() => parseMapUrlState(params), [params]);
  const filter = urlState.filter;
  // The viewport is read from the URL once: after that the map owns it and writes it back.
  const [initialViewport] = useState<MapViewport | null>(urlState.viewport);
  // The crews feed the filters and the drawer's crew picker whether or not their panel is on screen (a phone's sheet).
  const crewsQuery = useQuery(MapCrewsQuery);
  const crews: readonly MapCrew[] = crewsQuery.data?.crews ?? NO_CREWS;
  const crewsRef = useRef(crews);
  useLayoutEffect(() => {
    crewsRef.current = crews;
  });
  const [selectedId, setSelectedId] = useState<string | null>(params.get('pin'));
  // What the selected record is when it was opened from outside the view (an announcement): the view may not have it.
  const [selectedKind, setSelectedKind] = useState<'ISSUE' | 'ENHANCEMENT' | null>(null);
  const phone = useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });
  const [filtersShown, setFiltersShown] = useState<boolean | null>(null);
  const filtersOpen = filtersShown ?? !phone;
  const [crewsOpen, setCrewsOpen] = useState(false);
  // The pins in view as a list: how a keyboard or a screen reader reaches them (the map draws them on a canvas).
  const [listOpen, setListOpen] = useState(false);
  const listId = useId();
  const listToggle = useRef<HTMLButtonElement>(null);
  const [stack, setStack] = useState<{ ids: string[]; at: { x: number; y: number } } | null>(null);
  const filtersId = useId();
  const mayAssign = canAssignIssue(user.role);
  const mayReport = canReportIssues(user.role);
  const [deskTarget, setDeskTarget] = useState<DeskIssueTarget | null>(null);
  const [webgl] = useState(hasWebGL2);

  const crewName = useCallback((id: string) => crewsRef.current.find((c) => c.id === id)?.name ?? 'the crew', []);
  const data = useMapData(filter, { needsFrame: initialViewport === null, crewName });

  // Stable callbacks for the memoised children: they read the latest setter and filter through refs.
  const latest = useRef({ filter, data });
  useLayoutEffect(() => {
    latest.current = { filter, data };
  });
  // Each write builds on the one before it, rendered or not (a filter and a viewport move in one frame).
  const writeParams = useCallback(
    (update: (current: URLSearchParams) => URLSearchParams) => setParams(update, { replace: true }),
    [setParams],
  );
  const setFilter = useCallback(
    (next: MapFilterState) =>
      writeParams((current) =>
        writeMapUrlState({ viewport: parseMapUrlState(current).viewport, filter: next }, current),
      ),
    [writeParams],
  );
  const select = useCallback(
    (id: string | null, kind: 'ISSUE' | 'ENHANCEMENT' | null = null) => {
      setSelectedId(id);
      setSelectedKind(kind);
      setStack(null);
      writeParams((current) => {
        const next = new URLSearchParams(current);
        if (id) next.set('pin', id);
        else next.delete('pin');
        return next;
      });
    },
    [writeParams],
  );
  const closeDrawer = useCallback(() => select(null), [select]);
  const closeList = useCallback(() => {
    setListOpen(false);
    // Its close button is gone with it: back to the toggle, not to the top of the page.
    listToggle.current?.focus();
  }, []);
  const openPin = useCallback((id: string) => select(id), [select]);
  // Pins drawn over each other: list them by the click, placed inside the map's area.
  const onPinStack = useCallback((ids: string[], point: { x: number; y: number }) => {
    const area = mapAreaRef.current?.getBoundingClientRect();
    if (!area) return;
    const width = 260;
    setStack({
      ids,
      at: {
        x: Math.max(4, Math.min(point.x - area.left + 8, area.width - width - 4)),
        y: Math.max(4, Math.min(point.y - area.top + 8, area.height - 60 - ids.length * 48)),
      },
    });
  }, []);
  const pickCrew = useCallback(
    (id: string) => {
      const current = latest.current.filter;
      setFilter({ ...current, crewIds: current.crewIds.includes(id) ? [] : [id] });
    },
    [setFilter],
  );
  const { onViewport: dataOnViewport, drop, notify, assign } = data;
  // "New Issue here": a right-click or long-press inside a property, for those who may report Issues.
  const onSpotPress = useCallback(
    ({ lngLat, propertyId }: { lngLat: { lng: number; lat: number }; propertyId: string | null }) => {
      if (!mayReport) return;
      const property = latest.current.data.view.properties.find((p) => p.id === propertyId);
      if (!property) {
        notify({
          tone: 'orange',
          title: 'Not inside a property',
          message: 'Right-click or long-press inside a property’s boundary (zoom in until boundaries show).',
        });
        return;
      }
      setDeskTarget({ propertyId: property.id, propertyName: property.name, spot: lngLat });
    },
    [mayReport, notify],
  );
  const deskSaved = useCallback(
    (message: string) => {
      setDeskTarget(null);
      notify({ tone: 'green', title: 'Customer report saved', message });
    },
    [notify],
  );
  const onViewport = useCallback(
    (viewport: { box: ViewBox; zoom: number; center: { lng: number; lat: number } }) => {
      dataOnViewport(viewport);
      writeParams((current) =>
        writeMapUrlState(
          { viewport: { ...viewport.center, zoom: viewport.zoom }, filter: parseMapUrlState(current).filter },
          current,
        ),
      );
    },
    [dataOnViewport, writeParams],
  );
  const canDrag = useCallback(
    (id: string) => mayAssign && latest.current.data.view.pins.get(id)?.kind === 'ISSUE',
    [mayAssign],
  );

  // With the viewport in the URL the first read need not wait for maplibre to load: ask for the box the
  // map will show, from the size of its area; the map's own first report is then the same view.
  const mapAreaRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const area = mapAreaRef.current;
    if (!initialViewport || !area || !webgl) return;
    const { width, height } = area.getBoundingClientRect();
    if (width === 0 || height === 0) return;
    const border = 2 * FRAME_BORDER_PX;
    const box = viewportBox(initialViewport, initialViewport.zoom, width - border, height - border);
    dataOnViewport({ box, zoom: initialViewport.zoom });
  }, [initialViewport, webgl, dataOnViewport]);

  const { view } = data;
  const selectedPin = selectedId ? (view.pins.get(selectedId) ?? null) : null;
  const recordKind = selectedPin?.kind ?? selectedKind;
  const selectedRecord = useMemo(
    () => (selectedId && recordKind ? { id: selectedId, kind: recordKind } : null),
    [selectedId, recordKind],
  );
  const stackedPins = stack ? stack.ids.flatMap((id) => view.pins.get(id) ?? []) : [];
  const filterCount = activeFilterCount(filter);
  const crewPanel = (
    <MemoCrewPanel
      refreshKey={data.issueEvents}
      canAssign={mayAssign}
      onPickCrew={pickCrew}
      hint={phone ? 'Open a pin to assign it to a crew' : undefined}
      withTitle={!phone}
    />
  );

  return (
    <Stack gap="xs" className={classes.page}>
      <Group justify="space-between" align="flex-end" gap="xs">
        <Stack gap={0}>
          <Title order={3}>Live map</Title>
          {mayReport && (
            <Text size="xs" c="dimmed">
              A customer called? {phone ? 'Long-press' : 'Right-click or long-press'} the spot: New Issue here.
            </Text>
          )}
        </Stack>
        <Group gap={6}>
          <Badge variant="light" color={view.clustered ? 'grape' : 'blue'} data-testid="map-count">
            {view.clustered
              ? `${plural(view.pinCount, 'pin')} in ${plural(view.clusters.length, 'group')}`
              : plural(view.pinCount, 'pin')}
          </Badge>
          {view.truncated && (
            <Badge variant="light" color="orange" title="Zoom in to see every property">
              {view.properties.length} of {view.propertyCount} properties shown
            </Badge>
          )}
          <Button
            size="compact-sm"
            variant={filtersOpen ? 'light' : 'default'}
            leftSection={<IconAdjustmentsHorizontal size={14} />}
            onClick={() => setFiltersShown(!filtersOpen)}
            aria-expanded={filtersOpen}
            aria-controls={filtersId}
          >
            Filters{filterCount > 0 ? ` (${filterCount})` : ''}
          </Button>
          <Button
            ref={listToggle}
            size="compact-sm"
            variant={listOpen ? 'light' : 'default'}
            leftSection={<IconList size={14} />}
            onClick={() => (listOpen ? closeList() : setListOpen(true))}
            aria-expanded={listOpen}
            aria-controls={listOpen ? listId : undefined}
          >
            List
          </Button>
          {phone && (
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconUsersGroup size={14} />}
              onClick={() => setCrewsOpen(true)}
            >
              Crews
            </Button>
          )}
        </Group>
      </Group>
      <Collapse expanded={filtersOpen} id={filtersId}>
        <MemoFilters
          filter={filter}
          onChange={setFilter}
          crews={crews}
          showAccountFilters={user.role !== 'ACCOUNT_MANAGER'}
        />
      </Collapse>
      {data.status === 'error' && (
        <Alert color="red" title="The map could not load what is in view">
          <Group justify="space-between">
            <Text size="sm">{describeError(data.error).message}</Text>
            <Button size="xs" variant="light" onClick={data.reload}>
              Try again
            </Button>
          </Group>
        </Alert>
      )}
      <div className={classes.body} data-phone={phone || undefined} data-list={listOpen || undefined}>
        {listOpen && (
          <MemoPinList
            id={listId}
            pins={view.pins}
            properties={view.properties}
            crews={crews}
            clustered={view.clustered}
            pinCount={view.pinCount}
            loading={data.status === 'loading'}
            selectedId={selectedId}
            onOpen={openPin}
            onClose={closeList}
          />
        )}
        <div className={classes.mapArea} ref={mapAreaRef}>
          {webgl ? (
            <MapErrorBoundary height={480}>
              <Suspense fallback={<Skeleton h="100%" radius="md" />}>
                <OpsMapCanvas
                  initialViewport={initialViewport}
                  frame={data.frame}
                  properties={view.properties}
                  pins={data.geojson}
                  clusters={view.clusters}
                  selectedPinId={selectedId}
                  onViewport={onViewport}
                  onPinClick={openPin}
                  onPinStack={onPinStack}
                  onPinDrop={drop}
                  canDrag={canDrag}
                  onSpotPress={onSpotPress}
                  spot={deskTarget?.spot ?? null}
                />
              </Suspense>
            </MapErrorBoundary>
          ) : (
            <Alert color="gray">This browser cannot draw the map (WebGL 2 is unavailable or disabled).</Alert>
          )}
          <div className={classes.legend}>
            <MemoLegend defaultOpened={!phone} />
          </div>
          {stack && stackedPins.length > 0 && (
            <PinStackChooser pins={stackedPins} at={stack.at} onPick={openPin} onClose={() => setStack(null)} />
          )}
        </div>
        {!phone && <aside className={classes.side}>{crewPanel}</aside>}
      </div>
      {phone && (
        <Drawer opened={crewsOpen} onClose={() => setCrewsOpen(false)} position="bottom" size="75%" title="Crews">
          {crewPanel}
        </Drawer>
      )}
      <div className={classes.notices} aria-live="polite">
        {data.notices.map((notice) => (
          <Notification
            key={notice.id}
            color={notice.tone}
            title={notice.title}
            onClose={() => data.dismiss(notice.id)}
            data-testid="map-notice"
            role={notice.tone === 'red' || notice.tone === 'orange' ? 'alert' : 'status'}
          >
            {notice.message}
            {notice.pinId && (
              <>
                {' '}
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => {
                    data.dismiss(notice.id);
                    select(notice.pinId!, view.pins.get(notice.pinId!)?.kind ?? 'ISSUE');
                  }}
                >
                  Open it
                </Anchor>
              </>
            )}
          </Notification>
        ))}
      </div>
      <MemoPinDrawer pin={selectedRecord} onClose={closeDrawer} assign={mayAssign ? assign : undefined} crews={crews} />
      <DeskIssueSheet
        target={deskTarget}
        onClose={() => setDeskTarget(null)}
        onSaved={deskSaved}
        onOpenIssue={(id) => {
          setDeskTarget(null);
          select(id);
        }}
      />
    </Stack>
  );
}
