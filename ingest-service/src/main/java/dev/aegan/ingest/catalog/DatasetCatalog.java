package dev.aegan.ingest.catalog;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.TopicReader;
import dev.aegan.ingest.IngestConfig;
import dev.aegan.ingest.domain.DatasetState;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Shape, counts and label names of every dataset: the latest {@link DatasetEvent} per dataset on
 * {@code datasets.events}, read from the beginning of the topic at startup and caught up before
 * every write. Because ingest publishes each event in the same transaction as the images it
 * counts, this state always matches the committed batches, across restarts too.
 * <p>
 * Writes (REST uploads and consumed batches) run one at a time under {@link #exclusively}, so
 * that two writers never fix two shapes for one dataset or give one label index two names.
 */
@ApplicationScoped
public class DatasetCatalog {
    private static final Logger LOG = Logger.getLogger(DatasetCatalog.class);
    private static final String CLIENT_ID = "aegan-ingest-catalog";

    private final Map<String, DatasetState> datasets = new ConcurrentHashMap<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile boolean loaded;

    @Inject
    IngestConfig config;

    @Inject
    KafkaClientSettings kafka;

    /** Reads datasets.events; used only under {@link #writeLock}. */
    private TopicReader<String> events;
    private Admin admin;

    void onStart(@Observes StartupEvent start) {
        writeLock.lock();
        try {
            catchUp();
            loaded = true;
            LOG.infof("dataset catalog loaded from %s: %d datasets", Topics.DATASET_EVENTS, datasets.size());
        } finally {
            writeLock.unlock();
        }
    }

    @PreDestroy
    void close() {
        writeLock.lock();
        try {
            if (events != null) {
                events.close();
                events = null;
            }
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
                admin = null;
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Whether the topic has been read once since startup; until then the catalog is not ready. */
    public boolean loaded() {
        return loaded;
    }

    public Optional<DatasetState> get(String dataset) {
        return Optional.ofNullable(datasets.get(dataset));
    }

    public List<DatasetState> all() {
        return datasets.values().stream().sorted(Comparator.comparing(DatasetState::name)).toList();
    }

    /**
     * Runs {@code write} alone among writers, with the catalog caught up with every committed
     * event beforehand and, when it succeeds, with the events it published afterwards.
     */
    public <T> T exclusively(Supplier<T> write) {
        writeLock.lock();
        try {
            catchUp();
            T result = write.get();
            try {
                catchUp();
            } catch (RuntimeException e) {
                // The next write catches up before it plans; until then reads may lag behind.
                LOG.warnf(e, "could not re-read %s after a write", Topics.DATASET_EVENTS);
            }
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Reads up to the topic's high watermark, not just to its last stable offset: a transaction
     * this instance just committed may still have its commit marker in flight, and its event must
     * be read before the next write plans on the catalog.
     */
    private void catchUp() {
        if (events == null) {
            open();
        }
        events.readTo(highWatermarks(config.catalogTimeout()), this::apply);
    }

    private Map<TopicPartition, Long> highWatermarks(Duration timeout) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        events.partitions().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        try {
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, info) -> end.put(partition, info.offset()));
            return end;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the end of " + Topics.DATASET_EVENTS, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the end of " + Topics.DATASET_EVENTS, e);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            DatasetEvent event = EventJson.read(record.value(), DatasetEvent.class);
            if (DatasetEvent.SCHEMA.equals(event.schema()) && event.dataset() != null && event.countsBySplit() != null) {
                datasets.put(event.dataset(), DatasetState.of(event));
                return;
            }
            LOG.warnf("skipping %s record at offset %d: not a %s event", Topics.DATASET_EVENTS, record.offset(),
                    DatasetEvent.SCHEMA);
        } catch (RuntimeException e) {
            LOG.warnf("skipping unreadable %s record at offset %d: %s", Topics.DATASET_EVENTS, record.offset(),
                    e.getMessage());
        }
    }

    private void open() {
        admin = Admin.create(kafka.forClient(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID)));
        try {
            events = TopicReader.withTextKeys(kafka, Topics.DATASET_EVENTS, Map.of(ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID),
                    config.catalogTimeout());
        } catch (RuntimeException e) {
            admin.close(Duration.ZERO);
            admin = null;
            throw e;
        }
    }
}
