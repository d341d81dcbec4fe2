package dev.aegan.ingest.decode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One uploaded file, which an upload reads twice (once to check it, once to publish it): each
 * {@link #open} starts it anew. {@code name} is used in messages and to pair IDX files.
 */
public record UploadFile(String name, Source source) {

    /** Opens the file's content from its first byte. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /** A file spooled to disk, as HTTP uploads are. */
    public static UploadFile onDisk(String name, Path path) {
        return new UploadFile(name, () -> Files.newInputStream(path));
    }

    public static UploadFile inMemory(String name, byte[] bytes) {
        return new UploadFile(name, () -> new ByteArrayInputStream(bytes));
    }

    InputStream open() throws IOException {
        return source.open();
    }
}
