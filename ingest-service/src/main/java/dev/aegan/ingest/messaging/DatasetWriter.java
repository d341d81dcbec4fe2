package dev.aegan.ingest.messaging;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.dataset.ImageBatchCodec;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.ingest.catalog.AcceptedImage;
import dev.aegan.ingest.catalog.DatasetChange;
import dev.aegan.ingest.domain.Shape;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.TransactionalEmitter;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes one transaction's records as they come: accepted images go out in an image batch
 * ({@code datasets.batches}) as soon as their dataset and split have a batch's worth, and at the
 * end the last partial batches, one {@link DatasetEvent} per changed dataset ({@code datasets.events})
 * and the dead letters ({@code ingest.dead-letter}). Memory holds one unfinished batch per dataset
 * and split, and at most {@link #MAX_UNACKNOWLEDGED} records the broker has not yet acknowledged:
 * a writer that gets ahead of the broker waits.
 */
public final class DatasetWriter {
    /** ImageBatchCodec's fixed header, without the dataset name. */
    private static final int BATCH_HEADER_BYTES = 18;
    static final int MAX_UNACKNOWLEDGED = 8;

    private final TransactionalEmitter<byte[]> emitter;
    private final int batchSize;
    private final int maxRecordBytes;
    private final Map<Pending.Key, Pending> pending = new LinkedHashMap<>();
    private final Semaphore unacknowledged = new Semaphore(MAX_UNACKNOWLEDGED);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    DatasetWriter(TransactionalEmitter<byte[]> emitter, int batchSize, int maxRecordBytes) {
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Adds an accepted image to its dataset's batch, sending the batch once it is full. */
    public void add(AcceptedImage image) {
        Pending.Key key = new Pending.Key(image.dataset(), image.split());
        Pending batch = pending.computeIfAbsent(key, k -> new Pending(k, image.shape(),
                imagesPerRecord(image.shape(), utf8(k.dataset()).length, batchSize, maxRecordBytes)));
        batch.images.add(image);
        if (batch.images.size() == batch.capacity) {
            send(batch);
        }
    }

    /** Sends what is left: partial batches, then the events that count them, then the dead letters. */
    void finish(List<DatasetChange> changes, List<DeadLetter> deadLetters) {
        for (Pending batch : pending.values()) {
            if (!batch.images.isEmpty()) {
                send(batch);
            }
        }
        Instant now = Instant.now();
        for (DatasetChange change : changes) {
            DatasetEvent.Type type = change.created() ? DatasetEvent.Type.created : DatasetEvent.Type.extended;
            send(record(Topics.DATASET_EVENTS, utf8(change.dataset()),
                    EventJson.write(change.after().toEvent(type, now)), new RecordHeaders()));
        }
        for (DeadLetter deadLetter : deadLetters) {
            send(record(Topics.INGEST_DEAD_LETTER, deadLetter.key(), deadLetter.value(), deadLetter.headers()));
        }
    }

    /** At most {@code batchSize} images, fewer where needed to keep a record within {@code maxBytes}, at least one. */
    static int imagesPerRecord(Shape shape, int nameBytes, int batchSize, int maxBytes) {
        long perImage = shape.imageSize() + 4L;
        long fitting = (maxBytes - BATCH_HEADER_BYTES - nameBytes) / perImage;
        return (int) Math.max(1, Math.min(batchSize, fitting));
    }

    private void send(Pending batch) {
        Shape shape = batch.shape;
        int size = shape.imageSize();
        int count = batch.images.size();
        byte[] pixels = new byte[count * size];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(batch.images.get(i).pixels(), 0, pixels, i * size, size);
            labels[i] = batch.images.get(i).label();
        }
        batch.images.clear();
        String dataset = batch.key.dataset();
        ImageBatch encoded = new ImageBatch(dataset, batch.key.split(), shape.channels(), shape.height(), shape.width(),
                pixels, labels);
        send(record(Topics.DATASET_BATCHES, utf8(dataset), ImageBatchCodec.encode(encoded), new RecordHeaders()));
    }

    /** Sends once fewer than {@link #MAX_UNACKNOWLEDGED} records await the broker; fails on an earlier failure. */
    private void send(Message<byte[]> message) {
        try {
            unacknowledged.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker to acknowledge records", e);
        }
        Throwable failed = failure.get();
        if (failed != null) {
            unacknowledged.release();
            throw new IllegalStateException("the broker refused a record of this transaction: " + failed.getMessage(),
                    failed);
        }
        emitter.send(message
                .withAck(() -> {
                    unacknowledged.release();
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(reason -> {
                    failure.compareAndSet(null, reason);
                    unacknowledged.release();
                    return CompletableFuture.completedFuture(null);
                }));
    }

    private static Message<byte[]> record(String topic, byte[] key, byte[] value, Headers headers) {
        OutgoingKafkaRecordMetadata<byte[]> metadata = OutgoingKafkaRecordMetadata.<byte[]>builder()
                .withTopic(topic)
                .withKey(key)
                .withHeaders(headers)
                .build();
        return Message.of(value).addMetadata(metadata);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The unsent images of one dataset and split. */
    private static final class Pending {
        record Key(String dataset, Split split) {
        }

        final Key key;
        final Shape shape;
        final int capacity;
        final List<AcceptedImage> images = new ArrayList<>();

        Pending(Key key, Shape shape, int capacity) {
            this.key = key;
            this.shape = shape;
            this.capacity = capacity;
        }
    }
}
