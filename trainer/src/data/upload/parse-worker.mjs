// Worker-thread entry of parseUploadOffThread (off-thread.ts). The trainer runs TypeScript through tsx, and a
// worker starts with no loader of its own, so this plain module registers tsx before importing the TypeScript body.
import { register } from "tsx/esm/api";

register();
await import(new URL("./parse-worker-body.ts", import.meta.url).href);
