/**
 * PNGs of the pack's ward maps. The engine draws each map itself, as SVG (a map needs no
 * browser); the page only turns that very SVG into a PNG at print resolution (an A4 page's
 * width at 300 dpi) with its own image decoder and a canvas, so the PNG and the SVG in the
 * pack are one picture. The SVG loads nothing (no fonts, images or links): a blob: image
 * draws it whole.
 */
import type { MapImage, PackMap } from '../../shared/export';

async function drawMap(m: PackMap): Promise<MapImage> {
  const url = URL.createObjectURL(new Blob([m.svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(m.width * m.scale);
    canvas.height = Math.round(m.height * m.scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This page cannot draw images (no 2D canvas).');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const png = canvas.toDataURL('image/png');
    return { id: m.id, fingerprint: m.fingerprint, pngBase64: png.slice(png.indexOf(',') + 1) };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Every map in turn (one canvas at a time keeps memory low), reporting after each. */
export async function drawMapImages(maps: PackMap[], onDrawn?: (done: number) => void): Promise<MapImage[]> {
  const images: MapImage[] = [];
  for (const m of maps) {
    images.push(await drawMap(m));
    onDrawn?.(images.length);
  }
  return images;
}
