/**
 * Draws the app's icons (a slate tile with a device and a signal arc) as PNGs, so the PWA needs
 * no image tooling: `npx tsx scripts/make-icons.ts` writes public/icons/*.png.
 */
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function icon(size: number, maskable: boolean): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const inset = maskable ? 0 : size * 0.06;
  const radius = maskable ? 0 : size * 0.18;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const u = x + 0.5;
      const v = y + 0.5;
      // Rounded tile (full bleed when maskable: the platform applies its own mask).
      const dx = Math.max(inset + radius - u, 0, u - (size - inset - radius));
      const dy = Math.max(inset + radius - v, 0, v - (size - inset - radius));
      const inTile = u >= inset && u <= size - inset && v >= inset && v <= size - inset && dx * dx + dy * dy <= radius * radius;
      let rgba = [0, 0, 0, 0];
      if (inTile) rgba = [15, 23, 42, 255];
      const cx = size / 2;
      const cy = size * 0.58;
      const r = Math.hypot(u - cx, v - cy);
      const angle = Math.atan2(cy - v, u - cx);
      const device = Math.abs(u - cx) < size * 0.13 && Math.abs(v - cy) < size * 0.13;
      const arc = (band: number) => Math.abs(r - size * band) < size * 0.035 && angle > Math.PI * 0.25 && angle < Math.PI * 0.75;
      if (inTile && device) rgba = [255, 255, 255, 255];
      if (inTile && (arc(0.25) || arc(0.36))) rgba = [56, 189, 248, 255];
      raw.set(rgba, y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

for (const size of [192, 512]) {
  writeFileSync(`public/icons/icon-${size}.png`, icon(size, false));
  writeFileSync(`public/icons/maskable-${size}.png`, icon(size, true));
}
writeFileSync("public/icons/apple-touch-icon.png", icon(180, true));
console.log("icons written to public/icons/");
