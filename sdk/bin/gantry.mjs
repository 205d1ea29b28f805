#!/usr/bin/env node
// Entry point of the `gantry` command: the compiled CLI (dist/), loaded relative to this file so it runs from any
// working directory and through npm's bin symlink.
import { main } from "../dist/cli/main.js";

// Ctrl-C while waiting aborts the wait (exit 3, the training keeps running); a second Ctrl-C exits at once.
const interrupt = new AbortController();
process.once("SIGINT", () => {
  interrupt.abort();
  process.once("SIGINT", () => process.exit(3));
});

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  interrupt: interrupt.signal,
});
// Exit once stdout is flushed (a pipe may still hold the JSON result); idle keep-alive sockets must not linger.
process.stdout.write("", () => process.exit(code));
