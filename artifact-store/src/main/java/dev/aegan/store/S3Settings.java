package dev.aegan.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the object store is: {@code aegan.s3.*} in every service's configuration. */
@ConfigMapping(prefix = "aegan.s3")
public interface S3Settings {
    /** e.g. {@code http://minio:9000}. */
    @WithDefault("http://127.0.0.1:9000")
    String endpoint();

    @WithDefault("minioadmin")
    String accessKey();

    @WithDefault("minioadmin")
    String secretKey();

    @WithDefault("us-east-1")
    String region();
}
