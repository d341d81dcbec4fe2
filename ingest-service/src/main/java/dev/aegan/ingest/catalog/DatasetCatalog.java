package dev.aegan.ingest.catalog;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.TopicEnds;
import dev.aegan.contracts.kafka.TopicReader;
import dev.aegan.ingest.IngestConfig;
import dev.aegan.ingest.domain.DatasetState;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
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
    private TopicEnds ends;

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
            if (ends != null) {
                ends.close();
                ends = null;
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
     * event beforehand (other instances write {@code datasets.events} too) and, when it succeeds,
     * with the changes it committed, as {@code changesOf} reads them from its result. Those are
     * this write's own events, so they are applied as they are rather than read back: the next
     * write's catch-up reads them again, in the topic's order, which is what makes it exact.
     */
    public <T> T exclusively(Supplier<T> write, Function<T, Collection<DatasetChange>> changesOf) {
        writeLock.lock();
        try {
            catchUp();
            T result = write.get();
            for (DatasetChange change : changesOf.apply(result)) {
                datasets.put(change.dataset(), change.after());
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
        events.readTo(ends.of(events.partitions()), this::apply);
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
        events = TopicReader.withTextKeys(kafka, Topics.DATASET_EVENTS, Map.of(ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID),
                config.catalogTimeout());
        ends = new TopicEnds(kafka, Map.of(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID), config.catalogTimeout());
    }
}
