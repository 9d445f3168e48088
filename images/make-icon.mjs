// Draws images/icon.png (128×128): three lines of a config file (key, colon, value) with a
// validation check badge. Shapes are signed-distance functions, anti-aliased by 4×4
// supersampling; the PNG is written with node:zlib. Run: node images/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4;

const hex = (h, a = 1) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), a];

/** Distance from (px, py) to a rounded rectangle [x0, x1]×[y0, y1] with corner radius r (< 0 inside). */
function roundRect(px, py, x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r, hy = (y1 - y0) / 2 - r;
  const dx = Math.abs(px - cx) - hx, dy = Math.abs(py - cy) - hy;
  return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
}
const circle = (px, py, cx, cy, r) => Math.hypot(px - cx, py - cy) - r;
/** Distance to segment (ax, ay)–(bx, by) minus half the stroke width. */
function segment(px, py, ax, ay, bx, by, w) {
  const vx = bx - ax, vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - ax - t * vx, py - ay - t * vy) - w / 2;
}

const WHITE = hex('#ffffff');
const CYAN = hex('#8fd3e8');
const AMBER = hex('#ffb703');
const GREEN = hex('#2fbf71');
const COLON = hex('#ffffff', 0.7);

// One config line: key capsule, colon, value capsule.
const rows = [
  { y: 32, key: [22, 54], value: [70, 104], color: CYAN },
  { y: 52, key: [22, 44], value: [60, 108], color: AMBER },
  { y: 72, key: [22, 62], value: [78, 96], color: CYAN },
];
const shapes = [];
for (const row of rows) {
  const h = 5;
  shapes.push({ d: (x, y) => roundRect(x, y, row.key[0], row.y - h, row.key[1], row.y + h, h), color: WHITE });
  const colon = (row.key[1] + row.value[0]) / 2;
  shapes.push({ d: (x, y) => Math.min(circle(x, y, colon, row.y - 3.5, 2.2), circle(x, y, colon, row.y + 3.5, 2.2)), color: COLON });
  shapes.push({ d: (x, y) => roundRect(x, y, row.value[0], row.y - h, row.value[1], row.y + h, h), color: row.color });
}
// The badge: a ring of background colour separates it from the lines, then the green disc and the check.
shapes.push({ d: (x, y) => circle(x, y, 98, 98, 23), color: null });
shapes.push({ d: (x, y) => circle(x, y, 98, 98, 19), color: GREEN });
shapes.push({ d: (x, y) => Math.min(segment(x, y, 88.5, 98.5, 95, 105, 5), segment(x, y, 95, 105, 107.5, 91.5, 5)), color: WHITE });

/** The background gradient at row y. */
function background(y) {
  const t = y / SIZE;
  const top = hex('#13566b'), bottom = hex('#0a2f3d');
  return [0, 1, 2].map((i) => top[i] + (bottom[i] - top[i]) * t).concat(1);
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  raw[py * (SIZE * 4 + 1)] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const x = px + (sx + 0.5) / SS, y = py + (sy + 0.5) / SS;
        if (roundRect(x, y, 0, 0, SIZE, SIZE, 26) > 0) continue; // transparent corner
        let c = background(y);
        for (const s of shapes) {
          if (s.d(x, y) > 0) continue;
          const fg = s.color ?? background(y);
          c = [0, 1, 2].map((i) => fg[i] * fg[3] + c[i] * (1 - fg[3])).concat(1);
        }
        for (let i = 0; i < 3; i++) acc[i] += c[i];
        acc[3] += 1;
      }
    }
    const n = SS * SS;
    const o = py * (SIZE * 4 + 1) + 1 + px * 4;
    // Colours are averaged over covered samples only; coverage becomes alpha (no dark fringe).
    for (let i = 0; i < 3; i++) raw[o + i] = acc[3] === 0 ? 0 : Math.round(acc[i] / acc[3]);
    raw[o + 3] = Math.round((acc[3] / n) * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
