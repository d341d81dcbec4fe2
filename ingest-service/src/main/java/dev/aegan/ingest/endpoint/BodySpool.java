package dev.aegan.ingest.endpoint;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.domain.Rejection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A raw request body copied to a file beside the server's multipart uploads, counted as it comes,
 * so that it can be read as often as an upload needs without being held in memory. Bodies without
 * a declared length are refused here once they pass the upload limit.
 */
final class BodySpool implements AutoCloseable {
    private final Path file;

    private BodySpool(Path file) {
        this.file = file;
    }

    static BodySpool of(InputStream body, String directory, long limit) {
        Path file;
        try {
            Files.createDirectories(Path.of(directory));
            file = Files.createTempFile(Path.of(directory), "body-", ".upload");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a file for the request body in " + directory, e);
        }
        BodySpool spool = new BodySpool(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = body.read(buffer)) >= 0) {
                total += n;
                if (total > limit) {
                    throw new Rejection(RejectionCode.UPLOAD_TOO_LARGE, "the upload is larger than the limit of "
                            + limit + " bytes (aegan.ingest.max-upload-bytes)");
                }
                out.write(buffer, 0, n);
            }
            return spool;
        } catch (IOException e) {
            spool.close();
            throw new UncheckedIOException("could not read the request body", e);
        } catch (RuntimeException e) {
            spool.close();
            throw e;
        }
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + file, e);
        }
    }
}
