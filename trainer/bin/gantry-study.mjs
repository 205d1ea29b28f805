#!/usr/bin/env node
// Entry point of the gantry-study command (and, as `gantry-study __run …`, of each study run's child process).
// Like gantry-train: registers tsx's ESM loader, then imports the TypeScript CLI resolved from this file, so it
// works from any working directory and through npm's bin symlink.
import { register } from "tsx/esm/api";

register();
const { studyMain } = await import(new URL("../src/study/cli.ts", import.meta.url).href);
// Exit explicitly: backend threads or S3 keep-alive sockets must not keep a finished command alive.
process.exit(await studyMain(process.argv.slice(2)));
