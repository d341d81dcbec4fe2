package dev.aegan.ingest.messaging;

import dev.aegan.contracts.Channels;
import dev.aegan.contracts.IngestHeaders;
import dev.aegan.ingest.IngestConfig;
import dev.aegan.ingest.catalog.DatasetCatalog;
import dev.aegan.ingest.catalog.DatasetChange;
import dev.aegan.ingest.catalog.HeldOutSplit;
import dev.aegan.ingest.catalog.IngestPlan;
import dev.aegan.ingest.decode.ImageDecoder;
import dev.aegan.ingest.domain.Candidate;
import dev.aegan.ingest.domain.Overrides;
import dev.aegan.ingest.domain.Rejection;
import dev.aegan.ingest.domain.ResizePolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code ingest.images} in batches, exactly once: each record's value is one encoded
 * image, its headers name the dataset and optionally label, split and resize policy. Accepted
 * images become image batches and dataset events, refused records become dead letters, and both
 * are committed in one transaction with the batch's offsets (see {@link DatasetPublisher}).
 */
@ApplicationScoped
public class ImageRecordConsumer {
    private static final Logger LOG = Logger.getLogger(ImageRecordConsumer.class);

    @Inject
    DatasetCatalog catalog;
    @Inject
    DatasetPublisher publisher;
    @Inject
    KafkaClientService kafka;
    @Inject
    IngestConfig config;
    @Inject
    MeterRegistry metrics;

    /**
     * Blocking because decoding is CPU work and writes take the catalog's write lock, which REST
     * uploads share; the synchronous transaction keeps the lock and the transaction together.
     */
    @Incoming(Channels.INGEST_IMAGES_IN)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<byte[], byte[]> batch) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordBatchMetadata<byte[], byte[]> metadata =
                batch.getMetadata(IncomingKafkaRecordBatchMetadata.class).orElseThrow();
        try {
            DatasetPublisher.Publication published = catalog.exclusively(() ->
                    publisher.publishConsumed(metadata, writer -> process(metadata.getRecords(), writer)),
                    DatasetPublisher.Publication::changes);
            count(published);
            return batch.ack();
        } catch (RuntimeException e) {
            LOG.warnf(e, "batch of %d %s records not processed; it will be consumed again",
                    metadata.getRecords().count(), Channels.INGEST_IMAGES_IN);
            // A failure before the transaction began left the consumer past the batch: rewind it too.
            kafka.getConsumer(Channels.INGEST_IMAGES_IN).resetToLastCommittedPositions().await().indefinitely();
            pause();
            return batch.nack(e);
        }
    }

    private DatasetPublisher.Publication process(Iterable<ConsumerRecord<byte[], byte[]>> records,
                                                 DatasetWriter writer) {
        HeldOutSplit heldOut = new HeldOutSplit(config.heldoutFraction());
        ImageDecoder decoder = new ImageDecoder(config.maxImageWidth(), config.maxImageHeight());
        IngestPlan plan = new IngestPlan(catalog::get, heldOut);
        DatasetHeader datasets = new DatasetHeader();
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                String dataset = datasets.of(record);
                Candidate candidate = Candidate.unlabelled(decoder.decode(valueOf(record)), origin(record))
                        .withSplit(Overrides.split(header(record, IngestHeaders.SPLIT)))
                        .withResize(ResizePolicy.parse(header(record, IngestHeaders.RESIZE)));
                var label = Overrides.label(header(record, IngestHeaders.LABEL));
                if (label.isPresent()) {
                    candidate = candidate.withLabel(label.getAsInt());
                }
                writer.add(plan.accept(dataset, candidate));
            } catch (Rejection rejection) {
                deadLetters.add(DeadLetter.of(record, rejection));
            }
        }
        return new DatasetPublisher.Publication(plan.changes(), deadLetters);
    }

    private static byte[] valueOf(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? new byte[0] : record.value();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String origin(ConsumerRecord<byte[], byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private void count(DatasetPublisher.Publication published) {
        long accepted = published.changes().stream().mapToLong(DatasetChange::acceptedTotal).sum();
        metrics.counter("aegan.ingest.images.accepted", "path", "topic").increment(accepted);
        for (DeadLetter deadLetter : published.deadLetters()) {
            metrics.counter("aegan.ingest.images.rejected", "path", "topic", "code", deadLetter.code().name()).increment();
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
