package dev.aegan.judging.messaging;

import dev.aegan.contracts.Channels;
import dev.aegan.contracts.events.EvaluationEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.List;

/**
 * Sends a checkpoint's evaluations to the evaluations topic, keyed by run id, and commits the
 * checkpoint record's offset, in one Kafka transaction: either both happen or neither does.
 *
 * <p>The offset is committed with the consumer group's metadata (KIP-447): when the group has
 * rebalanced since the record was read, the transaction is aborted (by SmallRye before committing,
 * or by the broker's group coordinator), so a replica that lost the checkpoint's partition while it
 * was judging cannot publish next to the replica that now owns it. After an abort the consumer goes
 * back to the last committed offset, and the owner of the partition reads the record again.
 *
 * <p>The transaction spans only the sending, never the judging, so the producer's default
 * {@code transaction.timeout.ms} (60 s) is ample. Readers of the topic must use
 * {@code isolation.level=read_committed}.
 */
@ApplicationScoped
public class EvaluationPublisher {
    @Inject
    @Channel(Channels.EVALUATIONS_OUT)
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    KafkaTransactions<EvaluationEvent> transactions;

    @Inject
    KafkaClientService kafka;

    /**
     * Publishes {@code events} (none for a checkpoint that is skipped) and commits {@code consumed}'s
     * offset; returns once the record's offset is committed (by this transaction, or, after a
     * rebalance, by the replica that took the record over).
     *
     * @throws RuntimeException when it is not: nothing of this transaction is visible, and the
     *                          consumer is back at the last committed offset
     */
    public void publishConsumed(Message<?> consumed, List<EvaluationEvent> events) {
        IncomingKafkaRecordMetadata<?, ?> record = consumed.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalArgumentException("not a Kafka record: " + consumed));
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(record.getChannel());
        try {
            transactions.withTransactionAndAwait(record, emitter -> {
                events.forEach(e -> emitter.send(KafkaRecord.of(e.runId(), e)));
                return Uni.createFrom().voidItem();
            });
            // SmallRye meets a commit that fails (the group rebalanced since the record was read, the
            // coordinator refused the offsets) by aborting and returning as if all went well: the
            // group's committed offset (read stable: never while a transaction on it is pending) tells.
            TopicPartition partition = new TopicPartition(record.getTopic(), record.getPartition());
            OffsetAndMetadata committed = consumer.committed(partition).await().indefinitely().get(partition);
            if (committed == null || committed.offset() <= record.getOffset()) {
                throw new IllegalStateException("the transaction of " + partition + "@" + record.getOffset()
                        + " was aborted (committed offset: " + (committed == null ? "none" : committed.offset()) + ")");
            }
        } catch (RuntimeException e) {
            // an abort SmallRye reports rewound the consumer already; the others did not
            try {
                consumer.resetToLastCommittedPositions().await().indefinitely();
            } catch (RuntimeException rewindFailure) {
                e.addSuppressed(rewindFailure);
            }
            throw e;
        }
    }
}
