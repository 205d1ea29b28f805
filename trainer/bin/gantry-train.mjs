#!/usr/bin/env node
// Entry point of the gantry-train command. The trainer runs TypeScript through tsx (no build step), so this file
// registers tsx's ESM loader and then imports the TypeScript CLI; paths are resolved from this file, so it works
// from any working directory and through npm's bin symlink.
import { register } from "tsx/esm/api";

register();
const { main } = await import(new URL("../src/cli/main.ts", import.meta.url).href);
// Exit explicitly: open sockets (S3 keep-alive) or backend threads must not keep a finished job alive.
process.exit(await main(process.argv.slice(2)));
