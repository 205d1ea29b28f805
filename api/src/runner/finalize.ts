import { trainingKeys, type Storage } from "@gantry/trainer/storage";
import { patchStatus, type StoredEvent } from "../services/training-store.ts";
import type { TrainingState } from "../schemas/training.ts";

/**
 * Appends one event to events.jsonl, continuing its numbering, for the states and notes a job cannot write itself
 * (it is not running). Returns the event.
 */
export async function appendEvent(storage: Storage, id: string, type: StoredEvent["type"], data: StoredEvent["data"]): Promise<StoredEvent> {
  const keys = trainingKeys(id);
  const text = (await storage.getText(keys.events)) ?? "";
  let last = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      last = Math.max(last, (JSON.parse(line) as StoredEvent).id);
    } catch {
      // A torn last line cannot happen (writes are atomic) but must not block the append.
    }
  }
  const event: StoredEvent = { id: last + 1, type, data, time: new Date().toISOString() };
  const sep = text === "" || text.endsWith("\n") ? "" : "\n";
  await storage.put(keys.events, `${text}${sep}${JSON.stringify(event)}\n`);
  return event;
}

/**
 * Records a terminal state the job could not write itself (canceled, or failed by a crash): updates status.json,
 * then appends the matching `status` event to events.jsonl so SSE streams see it and end.
 */
export async function finalizeTraining(
  storage: Storage,
  id: string,
  state: TrainingState,
  error: { code: string; message: string } | null,
): Promise<void> {
  // Status first, as the job does: whoever sees the terminal event (an SDK's wait, then one GET) finds status.json
  // already terminal; the SSE route waits briefly for an event that lags a terminal status.json.
  await patchStatus(storage, id, { status: state, error, finishedAt: new Date().toISOString() });
  await appendEvent(storage, id, "status", { status: state, error });
}
