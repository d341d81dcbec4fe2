package dev.aegan.trainer.support;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.dataset.ImageBatchCodec;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EventJson;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Puts a small Fashion-MNIST dataset on the broker the way ingest-service would: image batches on
 * datasets.batches (train and held-out) and a {@code created} event on datasets.events.
 */
public final class TestDatasets {
    public static final String FASHION = "fashion-small";
    public static final int TRAIN_IMAGES = 240;
    public static final int HELDOUT_IMAGES = 48;
    /** The names {@link #FASHION}'s created event announces, as ingest-service does for Fashion-MNIST. */
    public static final List<String> FASHION_LABELS = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final Path IMAGES = Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
    private static final Path LABELS = Path.of("/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz");
    private static final Set<String> published = new HashSet<>();

    private TestDatasets() {
    }

    /** Publishes {@link #FASHION} once per test JVM: 240 training and 48 held-out 1x28x28 images. */
    public static synchronized String fashion() {
        if (published.add(FASHION)) {
            int total = TRAIN_IMAGES + HELDOUT_IMAGES;
            byte[] pixels = readIdx(IMAGES, 16, total * 28 * 28);
            byte[] labelBytes = readIdx(LABELS, 8, total);
            int[] labels = new int[total];
            for (int i = 0; i < total; i++) {
                labels[i] = labelBytes[i] & 0xff;
            }
            int imageSize = 28 * 28;
            // Three train batches, so the trainer has to concatenate them in topic order.
            int perBatch = TRAIN_IMAGES / 3;
            for (int b = 0; b < 3; b++) {
                publish(new ImageBatch(FASHION, Split.TRAIN, 1, 28, 28,
                        Arrays.copyOfRange(pixels, b * perBatch * imageSize, (b + 1) * perBatch * imageSize),
                        Arrays.copyOfRange(labels, b * perBatch, (b + 1) * perBatch)));
            }
            publish(new ImageBatch(FASHION, Split.HELDOUT, 1, 28, 28,
                    Arrays.copyOfRange(pixels, TRAIN_IMAGES * imageSize, total * imageSize),
                    Arrays.copyOfRange(labels, TRAIN_IMAGES, total)));
            DatasetEvent created = new DatasetEvent(DatasetEvent.SCHEMA, DatasetEvent.Type.created, FASHION, 1, 28, 28,
                    Map.of(Split.TRAIN.wireName(), (long) TRAIN_IMAGES, Split.HELDOUT.wireName(), (long) HELDOUT_IMAGES),
                    FASHION_LABELS, Instant.now());
            Kafka.send(Topics.DATASET_EVENTS, FASHION, EventJson.write(created));
        }
        return FASHION;
    }

    private static void publish(ImageBatch batch) {
        Kafka.send(Topics.DATASET_BATCHES, batch.dataset(), ImageBatchCodec.encode(batch));
    }

    private static byte[] readIdx(Path file, int header, int bytes) {
        try (InputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            in.readNBytes(header);
            byte[] data = in.readNBytes(bytes);
            if (data.length != bytes) {
                throw new IllegalStateException(file + " is shorter than expected");
            }
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
