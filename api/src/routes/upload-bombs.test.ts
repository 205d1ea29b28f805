/**
 * Regression tests for hostile uploads, over a real loopback server: each one used to stall the event loop (or
 * grow memory by gigabytes) before any limit applied. The files are built here, streaming, without holding their
 * inflated size in memory.
 */
import { constants, crc32, deflateRawSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { warmUploadParser } from "@gantry/trainer/data";
import { expectProblem, testApp, TRAIN_KEY, type TestApp } from "../test-support.ts";

const MiB = 1024 * 1024;
/** Raw DEFLATE of `data` ending in a full flush: byte-aligned, not final and independent of earlier bytes. */
const segment = (data: Uint8Array) => deflateRawSync(data, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
const FINAL = deflateRawSync(new Uint8Array(0)); // an empty final block
const le32 = (v: number) => Uint8Array.from([v, v >>> 8, v >>> 16, v >>> 24]);
const be32 = (v: number) => Uint8Array.from([v >>> 24, v >>> 16, v >>> 8, v]);
const cat = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** A ustar header for one regular file of `size` bytes (checksum computed as the format defines). */
function tarHeader(name: string, size: number): Uint8Array {
  const h = new Uint8Array(512);
  const put = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) h[at + i] = s.charCodeAt(i);
  };
  put(0, name);
  put(100, "0000644\0");
  put(108, "0000000\0");
  put(116, "0000000\0");
  put(124, `${size.toString(8).padStart(11, "0")}\0`);
  put(136, "00000000000\0");
  put(148, "        ");
  h[156] = 0x30;
  put(257, "ustar\0");
  put(263, "00");
  put(
    148,
    `${h
      .reduce((a, b) => a + b, 0)
      .toString(8)
      .padStart(6, "0")}\0 `,
  );
  return h;
}

/**
 * A .tgz whose single member inflates to 4 GiB + 1 MiB: one compressed MiB of zeros repeated 4097 times (~4 MB).
 * Its gzip size field says (512 + 4 GiB + 1 MiB) mod 2³² = 1 MiB + 512. The CRC is left zero: a server that
 * inflated this far would already have failed the test.
 */
function gzipBomb(): Uint8Array {
  const zeros = segment(new Uint8Array(MiB));
  const size = 4096 * MiB + MiB;
  const parts = [Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), segment(tarHeader("huge.png", size))];
  for (let i = 0; i < size / MiB; i++) parts.push(zeros);
  parts.push(FINAL, le32(0), le32((512 + size) % 2 ** 32));
  return cat(parts);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const td = cat([new TextEncoder().encode(type), data]);
  return cat([be32(data.length), td, be32(crc32(td))]);
}

/** A valid 20000×20000 8-bit grayscale PNG, all black (~0.4 MB; 400 MB of pixels, 1.6 GB as decoded RGBA). */
function pngBomb(side = 20_000): Uint8Array {
  const rowsPerSegment = 1000;
  const seg = segment(new Uint8Array((side + 1) * rowsPerSegment)); // each row: filter byte 0, then zeros
  const raw = (side + 1) * side;
  const adler = ((raw % 65521) * 65536 + 1) >>> 0; // Adler-32 of all-zero data: a = 1, b = length mod 65521
  const idat = cat([Uint8Array.from([0x78, 0xda]), ...Array(side / rowsPerSegment).fill(seg), FINAL, be32(adler)]);
  const ihdr = cat([be32(side), be32(side), Uint8Array.from([8, 0, 0, 0, 0])]);
  return cat([
    Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", idat),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

describe("hostile uploads never stall the API", () => {
  let t: TestApp;
  let server: ServerType;
  let base: string;

  beforeAll(async () => {
    await warmUploadParser();
    t = testApp(); // default limits: 64 MiB per upload
    server = serve({ fetch: t.app.fetch, hostname: "127.0.0.1", port: 0 });
    await new Promise((r) => server.once("listening", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(() => {
    server?.close();
    t?.cleanup();
  });

  /** Uploads `body` while polling /healthz; returns the response and the slowest health answer (ms). */
  async function uploadWhilePolling(name: string, body: Uint8Array): Promise<{ res: Response; slowest: number; polls: number }> {
    let done = false;
    const pending = fetch(`${base}/v1/datasets?name=${name}`, {
      method: "POST",
      body: body as BodyInit,
      headers: { authorization: `Bearer ${TRAIN_KEY}`, "content-type": "application/octet-stream" },
      signal: AbortSignal.timeout(120_000),
    }).finally(() => {
      done = true;
    });
    let slowest = 0;
    let polls = 0;
    while (!done) {
      const t0 = performance.now();
      const h = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) });
      expect(h.status).toBe(200);
      await h.arrayBuffer();
      slowest = Math.max(slowest, performance.now() - t0);
      polls++;
      await new Promise((r) => setTimeout(r, 20));
    }
    return { res: await pending, slowest, polls };
  }

  it("a .tgz inflating to 4 GiB + 1 MiB (size field wrapped) is refused naming the file and limit; /healthz answers within 1 s throughout", async () => {
    const bomb = gzipBomb();
    expect(bomb.length).toBeLessThan(6 * MiB);
    const { res, slowest, polls } = await uploadWhilePolling("bomb.tgz", bomb);
    const p = await expectProblem(res, 422);
    expect(p.detail).toMatch(/bomb\.tgz: decompresses to more than 64\.0 MB, over the limit/);
    expect(polls).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(1000);
  }, 120_000);

  it("a zip holding one 20000×20000 PNG is refused from its header, with RSS growth under 200 MB", async () => {
    const zip = zipSync({ "big.png": pngBomb() }, { level: 0 });
    expect(zip.length).toBeLessThan(MiB);
    const before = process.memoryUsage().rss;
    const { res, slowest } = await uploadWhilePolling("pngbomb.zip", zip);
    const p = await expectProblem(res, 422);
    expect(p.detail).toMatch(/member 'big\.png' is 20000×20000 pixels, over the limit of 16777216 pixels per image/);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * MiB);
    expect(slowest).toBeLessThan(1000);
  }, 120_000);

  it("a 7-million-row CSV is refused at its row limit without stalling /healthz", async () => {
    const csv = Buffer.alloc(7_000_000 * 2, "1\n");
    const { res, slowest } = await uploadWhilePolling("rows.csv", new Uint8Array(csv));
    const p = await expectProblem(res, 422);
    expect(p.detail).toMatch(/rows\.csv: more than 100000 rows, over the limit of 100000 samples/);
    expect(slowest).toBeLessThan(1000);
  }, 120_000);
});
