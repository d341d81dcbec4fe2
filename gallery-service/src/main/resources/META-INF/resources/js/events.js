// The server-sent event types of /api/stream, by name as on the wire. The server defines them once
// (dev.aegan.gallery.domain.GalleryEvent); GalleryEventMirrorTest keeps this list equal to it.
export const GalleryEvent = Object.freeze({
  HELLO: 'hello',
  PING: 'ping',
  DATASET: 'dataset',
  RUN: 'run',
  METRIC: 'metric',
  CHECKPOINT: 'checkpoint',
  IMAGES: 'images',
  EVALUATION: 'evaluation',
  GROUP: 'group',
  STUDY: 'study',
});
