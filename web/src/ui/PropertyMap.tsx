import { Skeleton, Text } from '@mantine/core';
import { Component, lazy, Suspense, useState, type ReactNode } from 'react';
import type { PropertyMapProps } from './map.geometry';
import classes from './PropertyMap.module.css';

// maplibre is large and needs WebGL: load it only when a map is on screen.
const PropertyMapCanvas = lazy(() => import('./PropertyMapCanvas').then((m) => ({ default: m.PropertyMapCanvas })));

/** maplibre 6 requires WebGL2; probe once and release the probe's context at once. */
export function hasWebGL2(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return gl !== null;
  } catch {
    return false;
  }
}

function MapMessage({ height, children }: { height: number; children: ReactNode }) {
  return (
    <div className={classes.frame} style={{ height, display: 'grid', placeItems: 'center', padding: 16 }}>
      <Text size="sm" c="dimmed" ta="center" role="status">
        {children}
      </Text>
    </div>
  );
}

export class MapErrorBoundary extends Component<{ height: number; children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error) {
      return (
        <MapMessage height={this.props.height}>The map could not be loaded: {this.state.error.message}</MapMessage>
      );
    }
    return this.props.children;
  }
}

/**
 * Property boundaries on a map, labelled by name; clicking one selects it.
 * Degrades to a message (never a crash) without WebGL, and to a plain
 * background when the configured basemap cannot be reached.
 */
export function PropertyMap(props: PropertyMapProps) {
  const height = props.height ?? 320;
  const [webgl] = useState(hasWebGL2);
  if (!webgl) {
    return (
      <MapMessage height={height}>
        This browser cannot draw the map (WebGL 2 is unavailable or disabled). The properties are still listed
        alongside.
      </MapMessage>
    );
  }
  return (
    <MapErrorBoundary height={height}>
      <Suspense fallback={<Skeleton height={height} radius="md" />}>
        <PropertyMapCanvas {...props} />
      </Suspense>
    </MapErrorBoundary>
  );
}
