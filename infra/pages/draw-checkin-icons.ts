import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

/**
 * Draws the check-in app's icons (web/checkin/icons/icon-{192,512}.png): a white house with a tick on
 * the brand blue, edge to edge, the drawing inside the central 60 % so a maskable crop (a circle of 80 %)
 * never cuts it. Run once after a change: `npx tsx infra/pages/draw-checkin-icons.ts`; the PNGs are committed.
 */

const BRAND = [0x0a, 0x3d, 0x7a] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

/** In unit coordinates (0–1): is the point white (the house) or brand (the ground, the tick)? */
const isHouse = (x: number, y: number): boolean => {
  const roof = y >= 0.22 && y <= 0.45 && Math.abs(x - 0.5) <= ((y - 0.22) / 0.23) * 0.3;
  const body = x >= 0.3 && x <= 0.7 && y >= 0.44 && y <= 0.78;
  return roof || body;
};
/** The tick: two thick strokes in the house's body. */
const distanceToSegment = (x: number, y: number, [ax, ay]: readonly [number, number], [bx, by]: readonly [number, number]) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
};
const isTick = (x: number, y: number) =>
  Math.min(distanceToSegment(x, y, [0.38, 0.6], [0.47, 0.69]), distanceToSegment(x, y, [0.47, 0.69], [0.63, 0.5])) <= 0.035;

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

export const drawIcon = (size: number): Buffer => {
  const samples = 4;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let px = 0; px < size; px++) {
      let white = 0;
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (isHouse(x, y) && !isTick(x, y)) white++;
        }
      const share = white / samples ** 2;
      for (let c = 0; c < 3; c++) row[1 + px * 3 + c] = Math.round((WHITE[c] as number) * share + (BRAND[c] as number) * (1 - share));
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
};

if (import.meta.main) {
  for (const size of [192, 512]) writeFileSync(resolve(import.meta.dirname, `../../web/checkin/icons/icon-${size}.png`), drawIcon(size));
}
