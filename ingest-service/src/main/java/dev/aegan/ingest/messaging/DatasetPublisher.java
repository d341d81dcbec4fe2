package dev.aegan.ingest.messaging;

import dev.aegan.contracts.Channels;
import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.dataset.ImageBatchCodec;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.ingest.IngestConfig;
import dev.aegan.ingest.catalog.DatasetChange;
import dev.aegan.ingest.domain.Shape;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.smallrye.reactive.messaging.kafka.transactions.TransactionalEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Publishes what ingest accepted and refused in one Kafka transaction: image batches
 * ({@code datasets.batches}), one {@link DatasetEvent} per changed dataset ({@code datasets.events})
 * and dead letters ({@code ingest.dead-letter}), plus, on the topic path, the consumed offsets.
 * A transaction spans one producer, so all three topics go through the one transactional channel
 * {@link Channels#DATASET_BATCHES_OUT}, each record naming its topic in its metadata.
 * Readers of these topics must use {@code isolation.level=read_committed}.
 */
@ApplicationScoped
public class DatasetPublisher {
    /** ImageBatchCodec's fixed header, without the dataset name. */
    private static final int BATCH_HEADER_BYTES = 18;

    @Inject
    @Channel(Channels.DATASET_BATCHES_OUT)
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    KafkaTransactions<byte[]> transactions;

    @Inject
    IngestConfig config;

    /** What one transaction publishes. */
    public record Publication(List<DatasetChange> changes, List<DeadLetter> deadLetters) {
    }

    /** Publishes {@code changes} in a transaction of their own; returns once it is committed, throws if it aborted. */
    public void publish(List<DatasetChange> changes) {
        transactions.withTransactionAndAwait(emitter -> {
            send(emitter, new Publication(changes, List.of()));
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * Exactly-once processing of one consumed batch: {@code work} runs inside the transaction, and
     * its publication is committed together with the batch's offsets. On any failure the
     * transaction aborts and the consumer goes back to the last committed offsets, so the batch is
     * processed again and nothing of the failed attempt is visible.
     */
    public Publication publishConsumed(IncomingKafkaRecordBatchMetadata<?, ?> batch, Supplier<Publication> work) {
        return transactions.withTransactionAndAwait(batch, emitter -> {
            Publication publication = work.get();
            send(emitter, publication);
            return Uni.createFrom().item(publication);
        });
    }

    private void send(TransactionalEmitter<byte[]> emitter, Publication publication) {
        Instant now = Instant.now();
        for (DatasetChange change : publication.changes()) {
            byte[] key = change.dataset().getBytes(StandardCharsets.UTF_8);
            for (Split split : Split.values()) {
                List<DatasetChange.Accepted> images = change.accepted().getOrDefault(split, List.of());
                int perRecord = imagesPerRecord(change.after().shape(), key.length, config.batchSize(),
                        config.maxBatchRecordBytes());
                for (int from = 0; from < images.size(); from += perRecord) {
                    ImageBatch batch = batch(change, split, images.subList(from, Math.min(images.size(), from + perRecord)));
                    emitter.send(record(Topics.DATASET_BATCHES, key, ImageBatchCodec.encode(batch), new RecordHeaders()));
                }
            }
            DatasetEvent.Type type = change.created() ? DatasetEvent.Type.created : DatasetEvent.Type.extended;
            emitter.send(record(Topics.DATASET_EVENTS, key, EventJson.write(change.after().toEvent(type, now)),
                    new RecordHeaders()));
        }
        for (DeadLetter deadLetter : publication.deadLetters()) {
            emitter.send(record(Topics.INGEST_DEAD_LETTER, deadLetter.key(), deadLetter.value(), deadLetter.headers()));
        }
    }

    /** At most {@code batchSize} images, fewer where needed to keep a record within {@code maxBytes}, at least one. */
    static int imagesPerRecord(Shape shape, int nameBytes, int batchSize, int maxBytes) {
        long perImage = shape.imageSize() + 4L;
        long fitting = (maxBytes - BATCH_HEADER_BYTES - nameBytes) / perImage;
        return (int) Math.max(1, Math.min(batchSize, fitting));
    }

    private static ImageBatch batch(DatasetChange change, Split split, List<DatasetChange.Accepted> images) {
        Shape shape = change.after().shape();
        int size = shape.imageSize();
        byte[] pixels = new byte[images.size() * size];
        int[] labels = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i).pixels(), 0, pixels, i * size, size);
            labels[i] = images.get(i).label();
        }
        return new ImageBatch(change.dataset(), split, shape.channels(), shape.height(), shape.width(), pixels, labels);
    }

    private static Message<byte[]> record(String topic, byte[] key, byte[] value, Headers headers) {
        OutgoingKafkaRecordMetadata<byte[]> metadata = OutgoingKafkaRecordMetadata.<byte[]>builder()
                .withTopic(topic)
                .withKey(key)
                .withHeaders(headers)
                .build();
        return Message.of(value).addMetadata(metadata);
    }
}
