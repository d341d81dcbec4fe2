package dev.aegan.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the object store is: {@code aegan.s3.*} in every service's configuration. */
@ConfigMapping(prefix = "aegan.s3")
public interface S3Settings {
    /** e.g. {@code http://minio:9000}. */
    @WithDefault("http://127.0.0.1:9000")
    String endpoint();

    /**
     * Required, with {@link #secretKey()}: no credential is compiled in, so a service deployed
     * without them refuses to start (naming {@code aegan.s3.access-key}) instead of trying a default.
     */
    String accessKey();

    String secretKey();

    @WithDefault("us-east-1")
    String region();
}
