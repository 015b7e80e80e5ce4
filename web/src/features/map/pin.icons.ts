import type { EnhancementStage, IssueStatus } from '@groundwork/shared';

// Pins are drawn once per look into an image the map reuses for every pin
// with that look (maplibre asks for a missing image by name). No sprites or
// glyph server: the map works with the offline style. The legend draws the
// same images, so it always matches the map.

/** Fill per Issue status: the same hues as the status badges elsewhere in the app. */
export const STATUS_FILL: Readonly<Record<IssueStatus, string>> = {
  OPEN: '#868e96',
  ASSIGNED: '#1c7ed6',
  IN_PROGRESS: '#f59f00',
  RESOLVED: '#12b886',
  VERIFIED: '#37b24d',
};

export const ENHANCEMENT_FILL: Readonly<Record<EnhancementStage, string>> = {
  IDENTIFIED: '#adb5bd',
  QUALIFIED: '#15aabf',
  ESTIMATING: '#4c6ef5',
  PROPOSED: '#7048e8',
  APPROVED: '#37b24d',
  SCHEDULED: '#0ca678',
  COMPLETED: '#82c91e',
  DECLINED: '#fa5252',
};

export const URGENT_COLOR = '#e03131';
export const OVERDUE_COLOR = '#fd7e14';
const SIZE = 30;

/** Draws the pin named by `icon` (see pinIcon) on a canvas of `SIZE` CSS pixels at `ratio`. */
export function drawPin(icon: string, ratio = 2): HTMLCanvasElement | null {
  const [kind, state, ...marks] = icon.split(':');
  const fill =
    kind === 'issue'
      ? STATUS_FILL[state as IssueStatus]
      : kind === 'enhancement'
        ? ENHANCEMENT_FILL[state as EnhancementStage]
        : undefined;
  if (!fill) return null;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = SIZE * ratio;
  const g = canvas.getContext('2d');
  if (!g) return null;
  g.scale(ratio, ratio);
  const c = SIZE / 2;
  if (marks.includes('overdue')) {
    // An orange ring with a white gap inside: overdue reads at a glance, whatever the status colour, and
    // crowded overdue pins stay separate rings (a filled, translucent halo melted neighbours into one blob).
    g.beginPath();
    g.arc(c, c, 12, 0, Math.PI * 2);
    g.lineWidth = 4.5;
    g.strokeStyle = '#ffffff';
    g.stroke();
    g.lineWidth = 2.5;
    g.strokeStyle = OVERDUE_COLOR;
    g.stroke();
  }
  g.beginPath();
  if (kind === 'enhancement') {
    // A diamond: Enhancements are work to sell, not problems.
    g.moveTo(c, c - 9.5);
    g.lineTo(c + 9.5, c);
    g.lineTo(c, c + 9.5);
    g.lineTo(c - 9.5, c);
    g.closePath();
  } else {
    g.arc(c, c, 8, 0, Math.PI * 2);
  }
  g.fillStyle = fill;
  g.globalAlpha = marks.includes('pending') ? 0.55 : 1;
  g.fill();
  g.globalAlpha = 1;
  const urgent = marks.includes('urgent') || marks.includes('safety');
  g.lineWidth = urgent ? 3 : 1.75;
  g.strokeStyle = urgent ? URGENT_COLOR : '#ffffff';
  g.setLineDash(marks.includes('pending') ? [3, 2] : []);
  g.stroke();
  if (marks.includes('safety')) {
    g.fillStyle = '#ffffff';
    g.font = 'bold 12px system-ui, sans-serif';
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText('!', c, c + 0.5);
  }
  return canvas;
}

/** The pin as an image for maplibre's addImage. */
export function pinImage(icon: string, ratio = 2): { image: ImageData; pixelRatio: number } | null {
  const canvas = drawPin(icon, ratio);
  const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height);
  return data ? { image: data, pixelRatio: ratio } : null;
}

/** The pin as a data URL, for the legend and the drag ghost. */
export function pinDataUrl(icon: string): string | null {
  return drawPin(icon)?.toDataURL() ?? null;
}
