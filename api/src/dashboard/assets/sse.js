// A Server-Sent Events parser for streams read with fetch (EventSource cannot send an Authorization header).
// Follows the WHATWG event-stream rules: lines end in CRLF, LF or CR; a blank line dispatches; ":" starts a comment.

/**
 * Returns a parser; feed it decoded text chunks in order with push(). onMessage receives
 * { type, data, id } for every dispatched event (type "message" when the stream names none); onRetry the new
 * reconnection delay in ms. `lastEventId` is the id to resume from.
 */
export function createSseParser(onMessage, onRetry = () => {}) {
  let buffer = "";
  let data = [];
  let type = "";
  let lastEventId = "";
  let pendingCR = false;

  const dispatch = () => {
    if (data.length > 0) onMessage({ type: type || "message", data: data.join("\n"), id: lastEventId });
    data = [];
    type = "";
  };

  const line = (text) => {
    if (text === "") return dispatch();
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") data.push(value);
    else if (field === "event") type = value;
    else if (field === "id" && !value.includes("\0")) lastEventId = value;
    else if (field === "retry" && /^\d+$/.test(value)) onRetry(Number(value));
  };

  return {
    push(chunk) {
      let text = chunk;
      // A CR at the end of the previous chunk may be the first half of a CRLF.
      if (pendingCR && text.startsWith("\n")) text = text.slice(1);
      pendingCR = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const ch = buffer[i];
        if (ch !== "\n" && ch !== "\r") continue;
        line(buffer.slice(start, i));
        if (ch === "\r") {
          if (i + 1 === buffer.length) pendingCR = true;
          else if (buffer[i + 1] === "\n") i++;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
    get lastEventId() {
      return lastEventId;
    },
  };
}
