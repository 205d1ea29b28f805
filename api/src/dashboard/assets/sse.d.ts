// Types for sse.js (plain browser JavaScript), so the Node unit tests type-check.
export interface SseMessage {
  type: string;
  data: string;
  id: string;
}
export interface SseParser {
  push(chunk: string): void;
  readonly lastEventId: string;
}
export function createSseParser(onMessage: (m: SseMessage) => void, onRetry?: (ms: number) => void): SseParser;
