package dev.aegan.judging.testing;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.infra.Await;
import dev.aegan.infra.RecordPublisher;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.StoredObject;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.models.core.Pixels;
import dev.aegan.models.checkpoint.ModelSnapshot;
import dev.aegan.models.nn.NoGrad;
import dev.aegan.models.training.AdamOptimizer;
import dev.aegan.models.training.PhaseLoop;
import dev.aegan.store.ArtifactStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * What the other services would put on the broker and in S3, written by hand for a judging
 * service's test: datasets, checkpoints as the trainer writes them, and the evaluations published.
 */
public final class JudgingPlatform implements AutoCloseable {
    public static final String CHECKPOINT_BUCKET = "checkpoints";

    private final ArtifactStore store;
    private final String bootstrapServers;
    private final RecordPublisher records;

    public JudgingPlatform(ArtifactStore store) {
        this.store = store;
        this.bootstrapServers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        this.records = new RecordPublisher(bootstrapServers);
        store.ensureBucket(CHECKPOINT_BUCKET);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void send(String topic, String key, byte[] value) {
        records.send(topic, key, value);
    }

    public void sendEvent(String topic, String key, Object event) {
        records.sendEvent(topic, key, event);
    }

    /** One batch of images, image i filled with the single grey value {@code greys[i]}. */
    public void publishImages(String dataset, Split split, ImageShape shape, int[] greys) {
        byte[] pixels = new byte[greys.length * shape.pixelsPerImage()];
        for (int i = 0; i < greys.length; i++) {
            Arrays.fill(pixels, i * shape.pixelsPerImage(), (i + 1) * shape.pixelsPerImage(), (byte) greys[i]);
        }
        int[] labels = new int[greys.length];
        Arrays.fill(labels, ImageBatch.UNLABELLED);
        records.publishBatch(new ImageBatch(dataset, split, shape.channels(), shape.height(), shape.width(), pixels,
                labels));
    }

    public void publishDatasetEvent(String dataset, DatasetEvent.Type type, ImageShape shape, long train, long heldOut) {
        records.publishDatasetEvent(dataset, type, shape.channels(), shape.height(), shape.width(), train, heldOut);
    }

    /**
     * A run of a small VAE whose every checkpoint is judged: a test that publishes checkpoints in a
     * row expects a judgement of each.
     */
    public static RunSpec spec(String runId, String dataset) {
        return new RunSpec(RunSpec.SCHEMA, runId, null, "vae", dataset, 7, 100, 16, 1, Map.of("latentDim", 8),
                RunSpec.JUDGING_EVERY);
    }

    private static GenerativeModel vae(ImageShape shape) {
        return ModelRegistry.family("vae").create(shape, Map.of("latentDim", 8), Device.cpu());
    }

    /**
     * A checkpoint at {@code step} of a VAE whose every parameter is 0: it reconstructs every
     * image as tanh(0) = 0, i.e. grey 0.5, which makes its errors a closed form.
     */
    public static ModelSnapshot zeroVaeSnapshot(ImageShape shape, long step) {
        try (GenerativeModel model = vae(shape);
             PhaseLoop loop = PhaseLoop.resume(model, 7, step, new AdamOptimizer(model.manager()))) {
            try (NoGrad ignored = NoGrad.enter()) {
                for (Block network : model.networks().values()) {
                    for (Pair<String, Parameter> p : network.getParameters()) {
                        NDArray array = p.getValue().getArray();
                        array.set(new float[Math.toIntExact(array.size())]);
                    }
                }
            }
            return loop.snapshot(step);
        }
    }

    /** A checkpoint of a VAE after {@code steps} training steps on random pixels. */
    public static ModelSnapshot trainedVaeSnapshot(ImageShape shape, int steps) {
        byte[] pixels = new byte[16 * shape.pixelsPerImage()];
        new Random(3).nextBytes(pixels);
        try (GenerativeModel model = vae(shape);
             PhaseLoop loop = new PhaseLoop(model, 11);
             NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             NDArray batch = Pixels.toTensor(manager, pixels, 16, shape)) {
            for (int i = 0; i < steps; i++) {
                loop.step(batch);
            }
            return loop.snapshot(steps);
        }
    }

    /** Writes the snapshot like the trainer does and publishes its checkpoint event. */
    public CheckpointEvent publishCheckpoint(RunSpec spec, long step, ModelSnapshot snapshot) {
        CheckpointEvent event = new CheckpointEvent(CheckpointEvent.SCHEMA, spec.runId(), step, false, spec,
                CHECKPOINT_BUCKET, write(spec.runId(), step, snapshot), Instant.now());
        sendEvent(Topics.CHECKPOINTS, spec.runId(), event);
        return event;
    }

    public List<StoredObject> write(String runId, long step, ModelSnapshot snapshot) {
        List<StoredObject> stored = new ArrayList<>();
        snapshot.objects().forEach((name, bytes) -> stored.add(store.putVerified(CHECKPOINT_BUCKET,
                String.format("%s/step-%08d/%s", runId, step, name), bytes, "application/octet-stream")));
        return stored;
    }

    /** Every evaluation committed on the topic so far, as a {@code read_committed} reader sees them. */
    public List<EvaluationEvent> evaluationsOnTopic() {
        return evaluationsOnTopic(bootstrapServers);
    }

    /** Every evaluation committed on the topic of the broker at {@code bootstrapServers} so far. */
    public static List<EvaluationEvent> evaluationsOnTopic(String bootstrapServers) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "isolation.level", "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.EVALUATIONS, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<EvaluationEvent> events = new ArrayList<>();
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    events.add(EventJson.read(record.value(), EvaluationEvent.class));
                }
            }
            return events;
        }
    }

    public static <T> T await(String what, Duration timeout, Supplier<T> probe) {
        return Await.until(what, timeout, probe);
    }

    @Override
    public void close() {
        records.close();
    }
}
