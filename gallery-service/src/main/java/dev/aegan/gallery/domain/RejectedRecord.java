package dev.aegan.gallery.domain;

/** An ingest record sent to the dead-letter topic: its reason's code and its explanation. */
public record RejectedRecord(String code, String reason) {
}
