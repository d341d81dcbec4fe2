package dev.aegan.trainer.topics;

import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.Identifiers;
import dev.aegan.contracts.Topics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Which record on runs.requests is the run of each run id: the first record with that id as its
 * key. The topic is keyed by run id, so every request for one id lands in one partition, in the
 * order the broker appended them; every replica reads all partitions from the beginning and keeps
 * reading, so all replicas agree which record came first. Any later record with the same key is a
 * duplicate: POST /runs answers its sender 409, and the work consumer skips it.
 *
 * <p>Records whose key is not a valid run id are not indexed: their run is named after their
 * position (see {@code RunIds.forRecord}), which no other record shares. Each run's first record
 * is kept with its value (a spec of a few hundred bytes), as {@code RunBoard} keeps each run's spec.
 */
@ApplicationScoped
public class RunRequestIndex {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);

    /** Where a record sits on runs.requests. */
    public record Position(int partition, long offset) {
    }

    /** The first record of a run id on runs.requests, its value as sent; fired as a CDI event when first read. */
    public record FirstRequest(String runId, int partition, long offset, String value) {
        public Position position() {
            return new Position(partition, offset);
        }
    }

    private final Map<String, Object> clientConfig;
    private final Event<FirstRequest> discovered;
    private final Map<String, FirstRequest> firsts = new ConcurrentHashMap<>();
    private final ReadPositions read = new ReadPositions();
    private final Set<Integer> partitions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean relist = new AtomicBoolean();
    /** End offsets when reading began: the index is complete once it read that far. */
    private volatile Map<Integer, Long> startEnds;
    private volatile boolean closing;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread reader;

    RunRequestIndex(KafkaClientSettings kafka, Event<FirstRequest> discovered) {
        // not in a consumer group (the settings carry no group.id): every replica reads every partition;
        // a record of an aborted transaction was never on the queue
        this.clientConfig = kafka.forClient(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        this.discovered = discovered;
    }

    void start(@Observes StartupEvent startup) {
        reader = new Thread(this::readUntilClosed, "runs-requests-index");
        reader.setDaemon(true);
        reader.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        closing = true;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (reader != null) {
            reader.join(Duration.ofSeconds(10).toMillis());
        }
    }

    /** Whether every record that was on runs.requests when this replica started has been read. */
    public boolean complete() {
        Map<Integer, Long> ends = startEnds;
        return ends != null && read.reached(ends);
    }

    /** Waits until {@link #complete()}; false on timeout. */
    public boolean awaitComplete(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (startEnds == null) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            sleep(50);
        }
        return read.awaitReached(startEnds, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /** Waits until the record at {@code position} (and all before it in its partition) has been read; false on timeout. */
    public boolean awaitRead(Position position, Duration timeout) {
        if (!partitions.contains(position.partition())) {
            // a partition added since this replica started
            relist.set(true);
        }
        return read.awaitReached(Map.of(position.partition(), position.offset() + 1), timeout);
    }

    /** The run of {@code runId}, as far as read. */
    public Optional<FirstRequest> first(String runId) {
        return Optional.ofNullable(firsts.get(runId));
    }

    /** The runs whose first record is in {@code partition} at {@code fromOffset} or later, as far as read. */
    public List<FirstRequest> firstsIn(int partition, long fromOffset) {
        return firsts.values().stream()
                .filter(first -> first.partition() == partition && first.offset() >= fromOffset)
                .toList();
    }

    private void readUntilClosed() {
        while (!closing) {
            try (KafkaConsumer<String, String> opened =
                         new KafkaConsumer<>(clientConfig, new StringDeserializer(), new StringDeserializer())) {
                consumer = opened;
                readWith(opened);
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                if (!closing) {
                    Log.warnf(e, "reading %s failed; starting over in %s", Topics.RUN_REQUESTS, RETRY);
                    sleep(RETRY.toMillis());
                }
            }
        }
    }

    private void readWith(KafkaConsumer<String, String> opened) {
        Set<TopicPartition> assigned = assignAll(opened, Set.of());
        while (!closing) {
            if (relist.getAndSet(false)) {
                assigned = assignAll(opened, assigned);
            }
            for (ConsumerRecord<String, String> record : opened.poll(POLL)) {
                remember(record);
            }
            for (TopicPartition partition : assigned) {
                read.advance(partition.partition(), opened.position(partition));
            }
        }
    }

    /** Assigns every partition of runs.requests, the ones not yet assigned from their beginning. */
    private Set<TopicPartition> assignAll(KafkaConsumer<String, String> opened, Set<TopicPartition> assigned) {
        List<TopicPartition> all = opened.partitionsFor(Topics.RUN_REQUESTS, RETRY.multipliedBy(15)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        if (all.isEmpty()) {
            throw new IllegalStateException(Topics.RUN_REQUESTS + " does not exist (yet)");
        }
        List<TopicPartition> added = all.stream().filter(partition -> !assigned.contains(partition)).toList();
        opened.assign(all);
        opened.seekToBeginning(added);
        if (startEnds == null) {
            Map<Integer, Long> ends = new HashMap<>();
            opened.endOffsets(all).forEach((partition, end) -> ends.put(partition.partition(), end));
            startEnds = Map.copyOf(ends);
        }
        all.forEach(partition -> partitions.add(partition.partition()));
        return Set.copyOf(all);
    }

    private void remember(ConsumerRecord<String, String> record) {
        if (record.key() == null || !Identifiers.isValid(record.key())) {
            return;
        }
        FirstRequest first = new FirstRequest(record.key(), record.partition(), record.offset(), record.value());
        if (firsts.putIfAbsent(first.runId(), first) == null) {
            discovered.fire(first);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
