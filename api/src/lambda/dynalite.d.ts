// dynalite ships no types; this is the one function the tests call (see its index.js JSDoc).
declare module "dynalite" {
  import type { Server } from "node:http";
  export default function dynalite(options?: { createTableMs?: number; deleteTableMs?: number; maxItemSizeKb?: number; path?: string }): Server;
}
