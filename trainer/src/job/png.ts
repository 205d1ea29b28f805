import pngjs from "pngjs";

/**
 * Encodes 8-bit grayscale (channels 1) or RGB (channels 3) pixels, row-major, as a PNG, with pngjs (the library the
 * upload path decodes with): no alpha channel is written, and pngjs picks each row's filter.
 */
export function encodePng(width: number, height: number, channels: 1 | 3, pixels: Uint8Array): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`encodePng: invalid size ${width}x${height}`);
  }
  if (pixels.length !== width * channels * height) {
    throw new Error(`encodePng: ${pixels.length} bytes do not fill ${width}x${height}x${channels}`);
  }
  const colorType = channels === 1 ? 0 : 2; // grayscale or truecolour, as given (the input has no alpha either)
  const image = { width, height, data: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength) } as pngjs.PNG;
  return new Uint8Array(pngjs.PNG.sync.write(image, { colorType, inputColorType: colorType, inputHasAlpha: false, bitDepth: 8 }));
}
