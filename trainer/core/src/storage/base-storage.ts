import type { GetOptions, ObjectInfo, PutOptions, Storage } from "./types.ts";

const decoder = new TextDecoder("utf-8");

/** Shared text/JSON helpers so each backend implements only the byte-level operations. */
export abstract class BaseStorage implements Storage {
  abstract readonly url: string;
  abstract get(key: string, opts?: GetOptions): Promise<Uint8Array | null>;
  abstract put(key: string, body: Uint8Array | string, opts?: PutOptions): Promise<void>;
  abstract head(key: string): Promise<ObjectInfo | null>;
  abstract list(prefix: string): AsyncIterable<ObjectInfo>;
  abstract delete(key: string): Promise<void>;
  abstract deletePrefix(prefix: string): Promise<number>;

  async getText(key: string): Promise<string | null> {
    const bytes = await this.get(key);
    return bytes === null ? null : decoder.decode(bytes);
  }

  async getJson<T = unknown>(key: string): Promise<T | null> {
    const text = await this.getText(key);
    if (text === null) return null;
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      throw new Error(`${this.url} key ${JSON.stringify(key)} is not valid JSON: ${(err as Error).message}`);
    }
  }

  async putJson(key: string, value: unknown): Promise<void> {
    // Indented: these files (configs, statuses, pointers) are small and read by people too.
    const text = JSON.stringify(value, null, 2) as string | undefined;
    if (text === undefined) throw new Error(`putJson ${JSON.stringify(key)}: value is not JSON-serialisable`);
    await this.put(key, `${text}\n`, { contentType: "application/json" });
  }
}

/** UTF-8 bytes of a string body; byte bodies pass through untouched. */
export function toBytes(body: Uint8Array | string): Uint8Array {
  return typeof body === "string" ? new TextEncoder().encode(body) : body;
}
