package dev.aegan.contracts.events;

/** An object written to S3, as verified after writing: size in bytes, SHA-256 hex. */
public record StoredObject(String key, long size, String sha256) {
}
