package dev.aegan.trainer.support;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.dataset.DatasetImages;
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
            FashionImages images = FashionImages.read(TRAIN_IMAGES + HELDOUT_IMAGES);
            // Three train batches, so the trainer has to concatenate them in topic order.
            int perBatch = TRAIN_IMAGES / 3;
            for (int b = 0; b < 3; b++) {
                publish(images.batch(FASHION, Split.TRAIN, b * perBatch, perBatch));
            }
            publish(images.batch(FASHION, Split.HELDOUT, TRAIN_IMAGES, HELDOUT_IMAGES));
            announce(DatasetEvent.Type.created, FASHION, TRAIN_IMAGES, HELDOUT_IMAGES);
        }
        return FASHION;
    }

    /**
     * Publishes dataset {@code name} as ingest-service would on creation: the first {@code train}
     * Fashion-MNIST images for training, the next {@code heldOut} held out.
     */
    public static void create(String name, int train, int heldOut) {
        FashionImages images = FashionImages.read(train + heldOut);
        publish(images.batch(name, Split.TRAIN, 0, train));
        publish(images.batch(name, Split.HELDOUT, train, heldOut));
        announce(DatasetEvent.Type.created, name, train, heldOut);
    }

    /**
     * Appends to dataset {@code name} (made by {@link #create}) the Fashion-MNIST images after the first
     * {@code skip} as {@code more} training images, and announces the dataset {@code extended}.
     */
    public static void extend(String name, int skip, int more, long trainTotal, long heldOutTotal) {
        publish(FashionImages.read(skip + more).batch(name, Split.TRAIN, skip, more));
        announce(DatasetEvent.Type.extended, name, trainTotal, heldOutTotal);
    }

    /** Publishes {@code images} as one batch of their dataset and split. */
    public static void publish(DatasetImages images) {
        publish(new ImageBatch(images.dataset(), images.split(), images.channels(), images.height(), images.width(),
                images.pixels(), images.labels()));
    }

    /** A dataset event of 1x28x28 Fashion-MNIST images with these totals. */
    public static void announce(DatasetEvent.Type type, String name, long train, long heldOut) {
        DatasetEvent event = new DatasetEvent(DatasetEvent.SCHEMA, type, name, 1, 28, 28,
                Map.of(Split.TRAIN.wireName(), train, Split.HELDOUT.wireName(), heldOut), FASHION_LABELS, Instant.now());
        Kafka.send(Topics.DATASET_EVENTS, name, EventJson.write(event));
    }

    /** The first images of Debian's Fashion-MNIST training file and their labels. */
    private record FashionImages(byte[] pixels, int[] labels) {
        private static final int SIZE = 28 * 28;

        static FashionImages read(int count) {
            byte[] pixels = readIdx(IMAGES, 16, count * SIZE);
            byte[] labelBytes = readIdx(LABELS, 8, count);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = labelBytes[i] & 0xff;
            }
            return new FashionImages(pixels, labels);
        }

        ImageBatch batch(String dataset, Split split, int from, int count) {
            return new ImageBatch(dataset, split, 1, 28, 28, Arrays.copyOfRange(pixels, from * SIZE, (from + count) * SIZE),
                    Arrays.copyOfRange(labels, from, from + count));
        }
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
