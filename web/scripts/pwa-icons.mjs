// Draws the installable app's PNG icons from public/icon.svg. Run once after
// changing the SVG (`node scripts/pwa-icons.mjs`); the PNGs are committed so a
// build needs no image tooling. The maskable icon keeps the leaf inside the
// safe zone (the inner 80 %) on a full-bleed green square.
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
const svg = `${publicDir}icon.svg`;
const GREEN = '#2f9e44';

for (const size of [192, 512]) {
  await sharp(svg, { density: 300 }).resize(size, size).png().toFile(`${publicDir}icon-${size}.png`);
}
await sharp(svg, { density: 300 }).resize(180, 180).png().toFile(`${publicDir}apple-touch-icon.png`);
const inner = await sharp(svg, { density: 300 }).resize(410, 410).png().toBuffer();
await sharp({ create: { width: 512, height: 512, channels: 4, background: GREEN } })
  .composite([{ input: inner, gravity: 'centre' }])
  .png()
  .toFile(`${publicDir}icon-maskable-512.png`);
