// Server-sent events read with fetch, which, unlike EventSource, can send an Authorization header.
// Parses the text/event-stream framing of one response body: "event:" names the type, "data:" lines
// are joined with new lines, a blank line ends the event; comments and other fields are ignored.

// A lone \r at the very end may be the first half of \r\n: it waits for the next chunk.
const LINE_END = /\r\n|\r(?!$)|\n/;

// Calls onEvent(type, data) for each event until the body ends (resolves) or fails (rejects).
export async function readEvents(body, onEvent) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let type = '';
  let data = [];
  for (;;) {
    const {done, value} = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, {stream: true});
    const lines = buffer.split(LINE_END);
    buffer = lines.pop();
    for (const line of lines) {
      if (line === '') {
        if (data.length) onEvent(type || 'message', data.join('\n'));
        type = '';
        data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') type = value;
        else if (field === 'data') data.push(value);
      }
    }
  }
}
