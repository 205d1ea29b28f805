#!/usr/bin/env node
// Entry point of the `gantry` command. The SDK is TypeScript run through tsx (no build step): this file registers
// tsx's ESM loader and imports the CLI by a path relative to itself, so it works from any working directory and
// through npm's bin symlink.
import { register } from "tsx/esm/api";

register();
const { main } = await import(new URL("../src/cli/main.ts", import.meta.url).href);

// Ctrl-C while waiting aborts the wait (exit 130, the training keeps running); a second Ctrl-C exits at once.
const interrupt = new AbortController();
process.once("SIGINT", () => {
  interrupt.abort();
  process.once("SIGINT", () => process.exit(130));
});

const code = await main(process.argv.slice(2), {
  stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), interrupt: interrupt.signal,
});
// Exit once stdout is flushed (a pipe may still hold the JSON result); idle keep-alive sockets must not linger.
process.stdout.write("", () => process.exit(code));
