import { Type, type EntityProperty, type Platform } from '@mikro-orm/core';
import { MERCATOR_MAX_LAT } from '@groundwork/shared';

/** A WGS 84 position as the API and the web see it. */
export interface LngLatValue {
  lng: number;
  lat: number;
}

export interface MultiPolygonValue {
  type: 'MultiPolygon';
  coordinates: number[][][][];
}

/**
 * Base for PostGIS columns: values travel as GeoJSON text so the driver never
 * has to parse WKB, and PostGIS does the (de)serialisation on both ends.
 */
abstract class GeoJsonType<T> extends Type<T | null | undefined, string | null | undefined> {
  protected abstract readonly geometryType: string;

  override convertToDatabaseValueSQL(key: string): string {
    return `ST_SetSRID(ST_GeomFromGeoJSON(${key}), 4326)`;
  }

  override convertToJSValueSQL(key: string): string {
    // 7 decimals ≈ 1 cm: enough for a pin, and keeps payloads small.
    return `ST_AsGeoJSON(${key}, 7)`;
  }

  override getColumnType(_prop: EntityProperty, _platform: Platform): string {
    return `geometry(${this.geometryType},4326)`;
  }

  override compareAsType(): string {
    return 'string';
  }
}

export class PointType extends GeoJsonType<LngLatValue> {
  protected readonly geometryType = 'Point';

  override convertToDatabaseValue(value: LngLatValue | null | undefined): string | null | undefined {
    if (value == null) return value;
    return JSON.stringify({ type: 'Point', coordinates: [value.lng, value.lat] });
  }

  override convertToJSValue(value: string | null | undefined): LngLatValue | null | undefined {
    if (value == null) return value;
    // INSERT … RETURNING (e.g. a generated centroid) bypasses convertToJSValueSQL and yields hex EWKB.
    if (typeof value === 'string' && /^[0-9a-fA-F]+$/.test(value)) return pointFromHexEwkb(value);
    const parsed = (typeof value === 'string' ? JSON.parse(value) : value) as { coordinates: [number, number] };
    return { lng: parsed.coordinates[0], lat: parsed.coordinates[1] };
  }
}

export class MultiPolygonType extends GeoJsonType<MultiPolygonValue> {
  protected readonly geometryType = 'MultiPolygon';

  override convertToDatabaseValue(value: MultiPolygonValue | null | undefined): string | null | undefined {
    if (value == null) return value;
    return JSON.stringify(value);
  }

  override convertToJSValue(value: string | null | undefined): MultiPolygonValue | null | undefined {
    if (value == null) return value;
    const parsed = (typeof value === 'string' ? JSON.parse(value) : value) as MultiPolygonValue;
    return { type: 'MultiPolygon', coordinates: parsed.coordinates };
  }
}

/** Reads a 2D (E)WKB point, the only geometry PostgreSQL hands back raw here. */
function pointFromHexEwkb(hex: string): LngLatValue {
  const buf = Buffer.from(hex, 'hex');
  const little = buf.readUInt8(0) === 1;
  const type = little ? buf.readUInt32LE(1) : buf.readUInt32BE(1);
  if ((type & 0xff) !== 1) throw new TypeError(`Expected a WKB point, got geometry type ${type & 0xff}`);
  const offset = type & 0x20000000 ? 9 : 5; // skip the SRID when present
  const read = (at: number) => (little ? buf.readDoubleLE(at) : buf.readDoubleBE(at));
  return { lng: read(offset), lat: read(offset + 8) };
}

/**
 * The generated columns a table of located pins keeps beside `location` for
 * the map's cluster count, which reads them from one covering index (an
 * index-only scan of a few MB, where reading the rows meant hundreds): the
 * longitude and latitude as plain numbers, and the Web Mercator y in world
 * widths, `mercatorY` of shared in SQL, so no row is put through a sine and
 * an atanh per view.
 */
export const MAP_COORDINATE_COLUMNS = {
  lng: '(st_x(location)) stored',
  lat: '(st_y(location)) stored',
  // Written as PostgreSQL prints it back, so the schema check sees no difference.
  mercY: `(atanh(sin(radians(LEAST(GREATEST(st_y(location), ('${-MERCATOR_MAX_LAT}'::numeric)::double precision), (${MERCATOR_MAX_LAT})::double precision)))) / ((2)::double precision * pi())) stored`,
} as const;
