import { canAssignIssue, canReportIssues } from '@groundwork/shared';
import { Alert, Badge, Button, Group, Notification, Skeleton, Stack, Text, Title } from '@mantine/core';
import { lazy, memo, Suspense, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '../../ui/error.describe';
import { loadMapConfig } from '../../ui/map.config';
import { hasWebGL2, MapErrorBoundary } from '../../ui/PropertyMap';
import { useSignedInUser } from '../auth/auth.context';
import { DeskIssueSheet, type DeskIssueTarget } from '../capture/DeskIssueSheet';
import { CrewPanel, type MapCrew } from './CrewPanel';
import { useMapData } from './map-data.hook';
import { parseMapUrlState, writeMapUrlState, type MapFilterState, type MapViewport } from './map.url-state';
import { viewportBox, type ViewBox } from './map.viewport';
import { MapFilters } from './MapFilters';
import { MapLegend } from './MapLegend';
import classes from './MapPage.module.css';
import { PinDrawer } from './PinDrawer';

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
/** The map frame's border: the canvas is this much smaller than its area on each side. */
const FRAME_BORDER_PX = 1;

/**
 * The operations map: every property in view with its open Issues and
 * Enhancements, live; filters and viewport in the URL; drag an Issue onto a
 * crew to assign it, or to a new spot to move it; click it for the details.
 */
export function MapPage() {
  const user = useSignedInUser();
  const [params, setParams] = useSearchParams();
  const urlState = useMemo(() => parseMapUrlState(params), [params]);
  const filter = urlState.filter;
  // The viewport is read from the URL once: after that the map owns it and writes it back.
  const [initialViewport] = useState<MapViewport | null>(urlState.viewport);
  const [crews, setCrews] = useState<readonly MapCrew[]>([]);
  const crewsRef = useRef(crews);
  useLayoutEffect(() => {
    crewsRef.current = crews;
  });
  const [selectedId, setSelectedId] = useState<string | null>(params.get('pin'));
  const mayAssign = canAssignIssue(user.role);
  const mayReport = canReportIssues(user.role);
  const [deskTarget, setDeskTarget] = useState<DeskIssueTarget | null>(null);
  const [webgl] = useState(hasWebGL2);

  const crewName = useCallback((id: string) => crewsRef.current.find((c) => c.id === id)?.name ?? 'the crew', []);
  const data = useMapData(filter, { needsFrame: initialViewport === null, crewName });

  // Stable callbacks for the memoised children: they read the latest setter and filter through refs.
  const latest = useRef({ setParams, filter, data });
  useLayoutEffect(() => {
    latest.current = { setParams, filter, data };
  });
  const writeParams = useCallback(
    (update: (current: URLSearchParams) => URLSearchParams) =>
      latest.current.setParams((current) => update(current), { replace: true }),
    [],
  );
  const setFilter = useCallback(
    (next: MapFilterState) =>
      writeParams((current) =>
        writeMapUrlState({ viewport: parseMapUrlState(current).viewport, filter: next }, current),
      ),
    [writeParams],
  );
  const select = useCallback(
    (id: string | null) => {
      setSelectedId(id);
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
  const pickCrew = useCallback(
    (id: string) => {
      const current = latest.current.filter;
      setFilter({ ...current, crewIds: current.crewIds.includes(id) ? [] : [id] });
    },
    [setFilter],
  );
  const { onViewport: dataOnViewport, drop, notify } = data;
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

  return (
    <Stack gap="xs" className={classes.page}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Stack gap={0}>
          <Title order={3}>Live map</Title>
          {mayReport && (
            <Text size="xs" c="dimmed">
              A customer called? Right-click or long-press the spot: New Issue here.
            </Text>
          )}
        </Stack>
        <Group gap={6}>
          <Badge variant="light" color={view.clustered ? 'grape' : 'blue'} data-testid="map-count">
            {view.clustered
              ? `${view.pinCount.toLocaleString()} pins in ${view.clusters.length} groups`
              : `${view.pinCount.toLocaleString()} pins`}
          </Badge>
          {view.truncated && (
            <Badge variant="light" color="orange" title="Zoom in to see every property">
              {view.properties.length} of {view.propertyCount} properties shown
            </Badge>
          )}
        </Group>
      </Group>
      <MemoFilters
        filter={filter}
        onChange={setFilter}
        crews={crews}
        showAccountFilters={user.role !== 'ACCOUNT_MANAGER'}
      />
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
      <div className={classes.body}>
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
                  onPinClick={select}
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
            <MemoLegend />
          </div>
        </div>
        <aside className={classes.side}>
          <MemoCrewPanel refreshKey={data.issueEvents} canAssign={mayAssign} onCrews={setCrews} onPickCrew={pickCrew} />
        </aside>
      </div>
      <div className={classes.notices} aria-live="polite">
        {data.notices.map((notice) => (
          <Notification
            key={notice.id}
            color={notice.tone}
            title={notice.title}
            onClose={() => data.dismiss(notice.id)}
            data-testid="map-notice"
            role={notice.tone === 'red' || notice.tone === 'orange' ? 'alert' : 'status'}
            onClick={() => notice.pinId && view.pins.has(notice.pinId) && select(notice.pinId)}
          >
            {notice.message}
          </Notification>
        ))}
      </div>
      <MemoPinDrawer pin={selectedPin} onClose={closeDrawer} />
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
