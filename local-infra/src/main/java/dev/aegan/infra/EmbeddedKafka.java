package dev.aegan.infra;

import dev.aegan.contracts.Topics;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A real single-node KRaft Kafka broker in this JVM, with every platform topic created.
 * Settings a one-node cluster needs (replication factor 1 for internal topics, transactions)
 * are applied here so clients behave as against a production cluster.
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** Partitions of the run-request work queue, so several trainer replicas can share it. */
    static final int RUN_REQUEST_PARTITIONS = 4;

    private final EmbeddedKafkaBroker broker;

    private EmbeddedKafka(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /** Starts a broker on {@code port} (0 = any free port) and creates the platform topics. */
    public static EmbeddedKafka start(int port) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withKafkaPort(port == 0 ? FreePorts.find() : port)
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(props -> {
                    props.put("offsets.topic.replication.factor", "1");
                    props.put("transaction.state.log.replication.factor", "1");
                    props.put("transaction.state.log.min.isr", "1");
                    props.put("group.initial.rebalance.delay.ms", "0");
                    props.put("auto.create.topics.enable", "false");
                    props.put("message.max.bytes", String.valueOf(16 * 1024 * 1024));
                })
                .start();
        EmbeddedKafka kafka = new EmbeddedKafka(broker);
        kafka.createPlatformTopics();
        return kafka;
    }

    public String bootstrapServers() {
        return broker.getAdvertisedListeners().replaceAll("^[A-Z_]+://", "");
    }

    private void createPlatformTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<NewTopic> topics = Topics.ALL.stream()
                    .map(name -> new NewTopic(name, Topics.RUN_REQUESTS.equals(name) ? RUN_REQUEST_PARTITIONS : 1,
                            (short) 1).configs(Map.of("max.message.bytes", String.valueOf(16 * 1024 * 1024))))
                    .toList();
            admin.createTopics(topics).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create the platform topics", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
