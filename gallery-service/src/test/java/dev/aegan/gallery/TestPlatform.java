package dev.aegan.gallery;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.infra.Await;
import dev.aegan.infra.RecordPublisher;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.DataSeen;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.StoredObject;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.checkpoint.ModelSnapshot;
import dev.aegan.store.ArtifactStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What the other services would put on the broker and in S3, written by hand for a test. */
final class TestPlatform implements AutoCloseable {
    static final String CHECKPOINT_BUCKET = "checkpoints";

    private final ArtifactStore store;
    private final RecordPublisher records;

    TestPlatform(ArtifactStore store, String bootstrapServers) {
        this.store = store;
        this.records = new RecordPublisher(bootstrapServers);
        store.ensureBucket(CHECKPOINT_BUCKET);
    }

    void send(String topic, String key, byte[] value) {
        records.send(topic, key, value);
    }

    void send(String topic, String key, byte[] value, Map<String, String> headers) {
        records.send(topic, key, value, headers);
    }

    void publishBatch(ImageBatch batch) {
        records.publishBatch(batch);
    }

    void sendEvent(String topic, String key, Object event) {
        records.sendEvent(topic, key, event);
    }

    void publishImages(String dataset, Split split, ImageShape shape, byte[] pixels) {
        int n = pixels.length / shape.pixelsPerImage();
        int[] labels = new int[n];
        Arrays.fill(labels, ImageBatch.UNLABELLED);
        records.publishBatch(new ImageBatch(dataset, split, shape.channels(), shape.height(), shape.width(), pixels,
                labels));
    }

    void publishDatasetEvent(String dataset, DatasetEvent.Type type, ImageShape shape, long train, long heldOut) {
        records.publishDatasetEvent(dataset, type, shape.channels(), shape.height(), shape.width(), train, heldOut);
    }

    /** Writes the snapshot like the trainer does and publishes its checkpoint event. */
    CheckpointEvent publishCheckpoint(RunSpec spec, long step, boolean last, ModelSnapshot snapshot) {
        return publishCheckpoint(spec, step, last, snapshot, null);
    }

    /** The same, for a checkpoint that says which data it was trained on. */
    CheckpointEvent publishCheckpoint(RunSpec spec, long step, boolean last, ModelSnapshot snapshot, DataSeen dataSeen) {
        List<StoredObject> stored = new ArrayList<>();
        snapshot.objects().forEach((name, bytes) -> stored.add(store.putVerified(CHECKPOINT_BUCKET,
                String.format("%s/step-%08d/%s", spec.runId(), step, name), bytes, "application/octet-stream")));
        CheckpointEvent event = new CheckpointEvent(CheckpointEvent.SCHEMA, spec.runId(), step, last, spec,
                CHECKPOINT_BUCKET, stored, Instant.now(), dataSeen);
        sendEvent(Topics.CHECKPOINTS, spec.runId(), event);
        return event;
    }

    /** Trains {@code steps} steps and publishes each one's losses as the trainer does. */
    void publishSteps(TrainingRun training, RunSpec spec, int steps, double imagesPerSecond) {
        for (int i = 0; i < steps; i++) {
            Map<String, Double> values = new LinkedHashMap<>();
            training.step().forEach((name, value) -> values.put(name, value.doubleValue()));
            sendEvent(Topics.TRAINING_METRICS, spec.runId(), new TrainingMetricEvent(TrainingMetricEvent.SCHEMA,
                    spec.runId(), spec.group(), training.completedSteps(), values, imagesPerSecond, Instant.now()));
        }
    }

    static <T> T await(String what, Duration timeout, Supplier<T> probe) {
        return Await.until(what, timeout, probe);
    }

    @Override
    public void close() {
        records.close();
    }
}
