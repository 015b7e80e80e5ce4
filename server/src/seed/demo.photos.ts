import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { EntityManager } from '@mikro-orm/sql';
import {
  ISSUE_CATEGORIES,
  ISSUE_CATEGORY_LABELS,
  PHOTO_VARIANT_NAMES,
  type IssueCategory,
  type PhotoKind,
} from '@groundwork/shared';
import { photoObjectKeys, processPhoto, type PhotoStore } from '../modules/photos/index.js';
import type { DemoData } from './demo.generate.js';
import { insertRows, pointSql } from './sql.js';

/** Issues created this recently get their site-walk photo (and their fix's photo once resolved). */
const PHOTO_DAYS = 120;

interface Scene {
  fileKey: string;
  category: IssueCategory | 'ENHANCEMENT';
  kind: PhotoKind;
}

/**
 * A picture of a scene: a lawn strip under a sky, with the problem drawn on it
 * (before: dead patches, a marked spot) or fixed (after: even turf, a tick),
 * and a caption. Drawn as SVG and rendered by sharp, so every demo photo is a
 * real image that looks like a before or an after.
 */
function sceneSvg(title: string, kind: PhotoKind | 'PROPOSAL', hue: number): string {
  const width = 1600;
  const height = 1200;
  const grass = kind === 'AFTER' ? '#3f9b3a' : kind === 'PROPOSAL' ? '#4c9f45' : '#7a8f3a';
  const patches =
    kind === 'BEFORE'
      ? [
          [420, 820, 170, 70],
          [980, 900, 220, 80],
          [700, 1010, 140, 50],
        ]
          .map(([x, y, rx, ry]) => `<ellipse cx="${x}" cy="${y}" rx="${rx}" ry="${ry}" fill="#a58a4c"/>`)
          .join('') + `<circle cx="980" cy="900" r="190" fill="none" stroke="#e03131" stroke-width="14"/>`
      : kind === 'AFTER'
        ? `<path d="M 1270 300 l 60 60 l 120 -140" fill="none" stroke="#ffffff" stroke-width="26" stroke-linecap="round"/>`
        : `<rect x="620" y="760" width="420" height="180" rx="24" fill="none" stroke="#ffd43b" stroke-width="12" stroke-dasharray="36 22"/>`;
  const caption = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const label = kind === 'PROPOSAL' ? 'Proposed' : kind === 'AFTER' ? 'After' : 'Before';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect width="${width}" height="560" fill="hsl(${hue}, 55%, 72%)"/>
  <rect y="520" width="${width}" height="120" fill="#2b6d2b"/>
  <path d="M 0 560 Q 400 500 800 560 T 1600 560 V 1200 H 0 Z" fill="${grass}"/>
  <rect x="120" y="330" width="60" height="260" fill="#6b4f2a"/><circle cx="150" cy="300" r="130" fill="#2f7d32"/>
  <rect x="1380" y="360" width="50" height="220" fill="#6b4f2a"/><circle cx="1405" cy="330" r="110" fill="#367c39"/>
  ${patches}
  <rect x="0" y="1060" width="${width}" height="140" fill="rgba(0,0,0,0.55)"/>
  <text x="60" y="1150" font-family="DejaVu Sans, Arial, sans-serif" font-size="72" font-weight="bold" fill="#ffffff">${label}: ${caption}</text>
</svg>`;
}

/** Renders each scene once and stores its files; photo rows share a scene's files. */
async function writeScenes(store: PhotoStore, timeZone: string): Promise<Map<string, Scene & { sizeBytes: number }>> {
  const specs: {
    key: string;
    category: Scene['category'];
    kind: PhotoKind;
    title: string;
    look: PhotoKind | 'PROPOSAL';
  }[] = [];
  ISSUE_CATEGORIES.forEach((category) => {
    for (const kind of ['BEFORE', 'AFTER'] as const) {
      specs.push({ key: `${category}-${kind}`, category, kind, title: ISSUE_CATEGORY_LABELS[category], look: kind });
    }
  });
  specs.push({
    key: 'ENHANCEMENT-BEFORE',
    category: 'ENHANCEMENT',
    kind: 'BEFORE',
    title: 'Enhancement',
    look: 'PROPOSAL',
  });
  const scenes = new Map<string, Scene & { sizeBytes: number }>();
  await Promise.all(
    specs.map(async (spec, i) => {
      const svg = sceneSvg(spec.title, spec.look, (i * 23) % 360);
      const bytes = await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
      // The scenes are JPEGs: no HEIC decoder needed.
      const processed = await processPhoto(bytes, spec.key, { timeZone, heic: null });
      const fileKey = `demo/${spec.key.toLowerCase()}`;
      const keys = photoObjectKeys(fileKey);
      await store.put(keys.source, bytes, 'image/jpeg');
      for (const variant of PHOTO_VARIANT_NAMES)
        await store.put(keys[variant], processed.variants[variant], 'image/jpeg');
      scenes.set(spec.key, { fileKey, category: spec.category, kind: spec.kind, sizeBytes: bytes.length });
    }),
  );
  return scenes;
}

/** A UUID made from a name: the same demo day gives the same photo ids. */
function stableId(name: string): string {
  const h = createHash('sha1').update(`groundwork-demo-photo:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/**
 * Gives the demo's recent Issues their site-walk photo (BEFORE, by whoever
 * reported it) and, once resolved, the crew's photo of the fix (AFTER, by the
 * crew's lead); open Enhancements get a photo of the spot. Returns how many.
 */
export async function writeDemoPhotos(
  tx: EntityManager,
  d: DemoData,
  options: { store: PhotoStore; timeZone: string; now: Date },
): Promise<number> {
  const scenes = await writeScenes(options.store, options.timeZone);
  const leadOfCrew = new Map(d.users.filter((u) => u.role === 'CREW_LEAD' && u.crewId).map((u) => [u.crewId!, u.id]));
  const since = options.now.getTime() - PHOTO_DAYS * 86_400_000;
  const rows: unknown[][] = [];
  const add = (
    owner: { issueId: string | null; enhancementId: string | null },
    scene: Scene & { sizeBytes: number },
    at: Date,
    location: [number, number],
    uploadedBy: string | null,
  ) => {
    rows.push([
      stableId(`${owner.issueId ?? owner.enhancementId}:${scene.kind}`),
      owner.issueId,
      owner.enhancementId,
      scene.kind,
      scene.fileKey,
      'image/jpeg',
      scene.sizeBytes,
      1600,
      1200,
      at,
      pointSql(location),
      0,
      uploadedBy,
      at,
      at,
    ]);
  };
  for (const issue of d.issues) {
    if (issue.createdAt.getTime() < since) continue;
    add(
      { issueId: issue.id, enhancementId: null },
      scenes.get(`${issue.category}-BEFORE`)!,
      issue.createdAt,
      issue.location,
      issue.createdById,
    );
    if (issue.resolvedAt) {
      add(
        { issueId: issue.id, enhancementId: null },
        scenes.get(`${issue.category}-AFTER`)!,
        issue.resolvedAt,
        issue.location,
        (issue.crewId && leadOfCrew.get(issue.crewId)) ?? null,
      );
    }
  }
  for (const e of d.enhancements) {
    if (e.stage === 'COMPLETED' || e.stage === 'DECLINED') continue;
    add(
      { issueId: null, enhancementId: e.id },
      scenes.get('ENHANCEMENT-BEFORE')!,
      e.createdAt,
      e.location,
      e.createdById,
    );
  }
  await insertRows(
    tx,
    'photos',
    [
      'id',
      'issue_id',
      'enhancement_id',
      'kind',
      'file_key',
      'content_type',
      'size_bytes',
      'width',
      'height',
      'taken_at',
      'location',
      'distance_from_property_meters',
      'uploaded_by_id',
      'created_at',
      'attached_at',
    ],
    rows,
    { batch: 2000 },
  );
  return rows.length;
}
