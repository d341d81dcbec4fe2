package dev.aegan.ingest;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Every limit and knob of ingest; documented with defaults in the README. */
@ConfigMapping(prefix = "aegan.ingest")
public interface IngestConfig {

    /**
     * Names this instance's transactional producer ({@code aegan-ingest-<id>}): unique per running
     * instance and, ideally, stable across its restarts (a StatefulSet pod name).
     */
    @WithDefault("local")
    String instanceId();

    /** Largest accepted request body; larger uploads get 413 UPLOAD_TOO_LARGE. */
    @WithDefault("256M")
    MemorySize maxUploadBytes();

    /**
     * Most bytes one upload may expand to once gzip and zip layers are unpacked, counted as they
     * are: a bound on the work a small compressed upload can cause.
     */
    @WithDefault("1G")
    MemorySize maxExpandedBytes();

    /** Most images one upload may hold (UPLOAD_TOO_LARGE beyond). */
    @WithDefault("100000")
    int maxImagesPerUpload();

    /** Widest accepted image in pixels (IMAGE_TOO_LARGE beyond). */
    @WithDefault("1024")
    int maxImageWidth();

    /** Tallest accepted image in pixels (IMAGE_TOO_LARGE beyond). */
    @WithDefault("1024")
    int maxImageHeight();

    /** Images per {@code datasets.batches} record, lowered where needed to keep a record under max-batch-record-bytes. */
    @WithDefault("256")
    int batchSize();

    /**
     * Target size of one {@code datasets.batches} record: under Kafka's default 1 MiB message limit.
     * A single image larger than this still goes out alone in one record.
     */
    @WithDefault("1000000")
    int maxBatchRecordBytes();

    /** Share of images put in the held-out split when neither the request nor the record names a split. */
    @WithDefault("0.1")
    double heldoutFraction();

    /** Pause before a batch of ingest.images records whose transaction failed is consumed again. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** How long reading {@code datasets.events} (at startup and before each write) may take. */
    @WithDefault("30s")
    Duration catalogTimeout();
}
