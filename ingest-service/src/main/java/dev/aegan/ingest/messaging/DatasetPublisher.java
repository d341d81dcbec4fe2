package dev.aegan.ingest.messaging;

import dev.aegan.contracts.Channels;
import dev.aegan.ingest.IngestConfig;
import dev.aegan.ingest.catalog.DatasetChange;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.smallrye.reactive.messaging.kafka.transactions.TransactionalEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.List;
import java.util.function.Function;

/**
 * Publishes what ingest accepted and refused in one Kafka transaction: image batches
 * ({@code datasets.batches}), one {@code DatasetEvent} per changed dataset ({@code datasets.events})
 * and dead letters ({@code ingest.dead-letter}), plus, on the topic path, the consumed offsets.
 * Work runs inside the transaction and writes through a {@link DatasetWriter} while it runs, so
 * an upload of any size is published batch by batch; if the work throws, the transaction aborts
 * and nothing it wrote becomes visible. A transaction spans one producer, so all three topics go
 * through the one transactional channel {@link Channels#DATASET_BATCHES_OUT}, each record naming
 * its topic in its metadata. Readers of these topics must use {@code isolation.level=read_committed}.
 */
@ApplicationScoped
public class DatasetPublisher {
    @Inject
    @Channel(Channels.DATASET_BATCHES_OUT)
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    KafkaTransactions<byte[]> transactions;

    @Inject
    IngestConfig config;

    /** What one transaction publishes besides the images its work wrote. */
    public record Publication(List<DatasetChange> changes, List<DeadLetter> deadLetters) {
    }

    /**
     * Runs {@code work} in a transaction of its own; returns once what it wrote and the events of
     * the changes it returns are committed, throws if the transaction aborted.
     */
    public List<DatasetChange> publish(Function<DatasetWriter, List<DatasetChange>> work) {
        return transactions.withTransactionAndAwait(emitter ->
                Uni.createFrom().item(write(emitter, writer -> new Publication(work.apply(writer), List.of()))
                        .changes()));
    }

    /**
     * Exactly-once processing of one consumed batch: {@code work} runs inside the transaction, and
     * its publication is committed together with the batch's offsets. On any failure the
     * transaction aborts and the consumer goes back to the last committed offsets, so the batch is
     * processed again and nothing of the failed attempt is visible.
     */
    public Publication publishConsumed(IncomingKafkaRecordBatchMetadata<?, ?> batch,
                                       Function<DatasetWriter, Publication> work) {
        return transactions.withTransactionAndAwait(batch, emitter -> Uni.createFrom().item(write(emitter, work)));
    }

    private Publication write(TransactionalEmitter<byte[]> emitter, Function<DatasetWriter, Publication> work) {
        DatasetWriter writer = new DatasetWriter(emitter, config.batchSize(), config.maxBatchRecordBytes());
        Publication publication = work.apply(writer);
        writer.finish(publication.changes(), publication.deadLetters());
        return publication;
    }
}
