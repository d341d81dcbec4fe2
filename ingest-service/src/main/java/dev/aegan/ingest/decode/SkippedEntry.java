package dev.aegan.ingest.decode;

/** An archive entry an upload left out, and why: the upload's answer lists them. */
public record SkippedEntry(String entry, String reason) {
}
