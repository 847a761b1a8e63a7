import { describe, expect, it } from "vitest";
import { detectPictureType } from "./image-type";

const bytes = (...parts: (number[] | string)[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));

describe("detectPictureType", () => {
  it("knows PNG, JPEG and WebP by their magic bytes", () => {
    expect(detectPictureType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "rest"))).toBe("image/png");
    expect(detectPictureType(bytes([0xff, 0xd8, 0xff, 0xdb], "rest"))).toBe("image/jpeg");
    expect(detectPictureType(bytes("RIFF", [1, 2, 3, 4], "WEBPVP8 "))).toBe("image/webp");
  });

  it("refuses everything else, whatever its name or declared type would say", () => {
    expect(detectPictureType(bytes("GIF89a"))).toBeNull();
    expect(detectPictureType(bytes("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(detectPictureType(bytes("RIFF", [1, 2, 3, 4], "WAVEfmt "))).toBeNull();
    expect(detectPictureType(bytes([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(detectPictureType(new Uint8Array())).toBeNull();
  });
});
