// The live connection: one handler per server-sent event type. The stream is read with fetch so
// that it carries the reader token (auth.js); after a lost connection it reconnects with a growing
// pause. The server greets every connection with hello, after which the page re-reads the REST API,
// as changes may have been missed meanwhile.

import {authorizedFetch} from './auth.js';
import {$} from './dom.js';
import {readEvents} from './event-stream.js';
import {GalleryEvent} from './events.js';

const FIRST_PAUSE_MS = 1000;
const LONGEST_PAUSE_MS = 30000;

function setConnection(state, text) {
  const node = $('connection');
  node.dataset.state = state;
  node.textContent = text;
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// handlers: the event type (a GalleryEvent value) -> a function of the event's parsed data; every
// type needs one, so an event the server sends is never silently dropped.
export function connect(handlers) {
  const types = Object.values(GalleryEvent);
  const unknown = Object.keys(handlers).filter((type) => !types.includes(type));
  const missing = types.filter((type) => !handlers[type]);
  if (unknown.length || missing.length) {
    throw new Error(`stream handlers: unknown ${unknown.join(', ') || 'none'}, missing ${missing.join(', ') || 'none'}`);
  }
  follow(handlers, types);
}

async function follow(handlers, types) {
  let nextPause = FIRST_PAUSE_MS;
  const dispatch = (type, data) => {
    if (!types.includes(type)) return;
    if (type === GalleryEvent.HELLO) {
      setConnection('live', 'live');
      nextPause = FIRST_PAUSE_MS;
    }
    try {
      handlers[type](JSON.parse(data));
    } catch (error) {
      // one bad event must not cost the connection
      console.error('could not handle the', type, 'event', error);
    }
  };
  for (;;) {
    try {
      const response = await authorizedFetch('/api/stream', {headers: {Accept: 'text/event-stream'}, cache: 'no-store'});
      if (!response.ok) throw new Error(`/api/stream: HTTP ${response.status}`);
      await readEvents(response.body, dispatch);
    } catch (error) {
      console.warn('live connection lost', error);
    }
    setConnection('offline', 'reconnecting');
    await pause(nextPause);
    nextPause = Math.min(2 * nextPause, LONGEST_PAUSE_MS);
  }
}
