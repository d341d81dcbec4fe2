package dev.aegan.contracts.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Where each partition of a topic ends now: its high watermark, past records of transactions still
 * open or whose commit marker is in flight. An admin client asks, not a consumer: a consumer asked
 * about partitions it is not assigned warns on every call. The admin client is made on first use.
 */
public final class TopicEnds implements AutoCloseable {
    private final Map<String, Object> clientConfig;
    private final Duration timeout;
    private Admin admin;

    /** @param adminSettings the admin client's own properties on top of {@code kafka}'s (e.g. its client id) */
    public TopicEnds(KafkaClientSettings kafka, Map<String, ?> adminSettings, Duration timeout) {
        this.clientConfig = kafka.forClient(adminSettings);
        this.timeout = timeout;
    }

    /** The end offset of each partition of {@code topic}. */
    public synchronized Map<TopicPartition, Long> of(String topic) {
        try {
            return of(admin().describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking where " + topic + " ends", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not learn where " + topic + " ends: " + e.getMessage(), e);
        }
    }

    /** The end offset of each of {@code partitions}, already known: one request fewer than {@link #of(String)}. */
    public synchronized Map<TopicPartition, Long> of(Collection<TopicPartition> partitions) {
        try {
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin().listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, end) -> ends.put(partition, end.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking where " + partitions + " end", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not learn where " + partitions + " end: " + e.getMessage(), e);
        }
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(clientConfig);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(timeout);
            admin = null;
        }
    }
}
