// The live connection: one handler per server-sent event type. The browser's EventSource
// reconnects by itself; the server greets every connection with hello, after which the page
// re-reads the REST API, as changes may have been missed meanwhile.

import {$} from './dom.js';
import {GalleryEvent} from './events.js';

function setConnection(state, text) {
  const node = $('connection');
  node.dataset.state = state;
  node.textContent = text;
}

// handlers: the event type (a GalleryEvent value) -> a function of the event's parsed data; every
// type needs one, so an event the server sends is never silently dropped.
export function connect(handlers) {
  const types = Object.values(GalleryEvent);
  const unknown = Object.keys(handlers).filter((type) => !types.includes(type));
  const missing = types.filter((type) => !handlers[type]);
  if (unknown.length || missing.length) {
    throw new Error(`stream handlers: unknown ${unknown.join(', ') || 'none'}, missing ${missing.join(', ') || 'none'}`);
  }
  const source = new EventSource('/api/stream');
  for (const type of types) {
    source.addEventListener(type, (event) => {
      if (type === GalleryEvent.HELLO) setConnection('live', 'live');
      handlers[type](JSON.parse(event.data));
    });
  }
  source.onerror = () => setConnection('offline', 'reconnecting');
}
