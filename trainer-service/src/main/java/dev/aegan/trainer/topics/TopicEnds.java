package dev.aegan.trainer.topics;

import dev.aegan.contracts.kafka.KafkaClientSettings;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Where each partition of a topic ends now. An admin client asks, not a consumer: a consumer
 * asked about partitions it is not assigned warns on every call.
 */
@ApplicationScoped
public class TopicEnds {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> clientConfig;
    private Admin admin;

    TopicEnds(KafkaClientSettings kafka) {
        this.clientConfig = kafka.forClient(Map.of());
    }

    /** End offset by partition. */
    public synchronized Map<Integer, Long> of(String topic) {
        if (admin == null) {
            admin = Admin.create(clientConfig);
        }
        try {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().stream()
                    .collect(Collectors.toMap(info -> new TopicPartition(topic, info.partition()),
                            info -> OffsetSpec.latest()));
            Map<Integer, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, end) -> ends.put(partition.partition(), end.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking where " + topic + " ends", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not learn where " + topic + " ends: " + e.getMessage(), e);
        }
    }

    synchronized void close(@Observes ShutdownEvent shutdown) {
        if (admin != null) {
            admin.close(TIMEOUT);
        }
    }
}
