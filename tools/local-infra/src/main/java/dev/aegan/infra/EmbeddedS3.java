package dev.aegan.infra;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real S3-compatible server (s3proxy) in this JVM, keeping objects as files under a local
 * folder, with AWS signature checks on: clients must sign like against MinIO.
 */
public final class EmbeddedS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "aegan-local";
    public static final String SECRET_KEY = "aegan-local-secret";

    private final S3Proxy proxy;
    private final Path dataDir;

    private EmbeddedS3(S3Proxy proxy, Path dataDir) {
        this.proxy = proxy;
        this.dataDir = dataDir;
    }

    /** Starts a server on {@code port} (0 = any free port) storing objects under {@code dataDir}. */
    public static EmbeddedS3 start(int port, Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString()))
                    .endpoint(URI.create("http://127.0.0.1:" + (port == 0 ? FreePorts.find() : port)))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!"STARTED".equals(proxy.getState())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("s3proxy did not start within 30 s (state " + proxy.getState() + ")");
                }
                Thread.sleep(20);
            }
            return new EmbeddedS3(proxy, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded S3 server", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
