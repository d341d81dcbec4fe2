package dev.aegan.gallery.domain;

/** What {@code /api/stream} sends: an event of {@code type} (see {@link GalleryEvent}), {@code data} as JSON. */
public record StreamEvent(GalleryEvent type, Object data) {
}
