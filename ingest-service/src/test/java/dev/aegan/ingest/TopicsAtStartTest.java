package dev.aegan.ingest;

import dev.aegan.contracts.TopicDefinition;
import dev.aegan.contracts.TopicDefinitions;
import dev.aegan.contracts.Topics;
import dev.aegan.infra.EmbeddedKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A service started on a cluster that has no topics yet creates all of the platform's, as
 * defined, before its own consumers ask for theirs. The broker auto-creates topics with 3
 * partitions and a week's retention, as a stock broker would with its defaults: a topic a
 * consumer or producer met before provisioning would show that.
 */
@QuarkusTest
@TestProfile(TopicsAtStartTest.BrokerWithoutTopics.class)
class TopicsAtStartTest {
    private static final String AUTO_CREATED_PARTITIONS = "3";

    public static class BrokerWithoutTopics implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmptyBroker.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    public static class EmptyBroker implements QuarkusTestResourceLifecycleManager {
        private EmbeddedKafka kafka;

        @Override
        public Map<String, String> start() {
            kafka = EmbeddedKafka.startWithoutTopics(0, Map.of(
                    "auto.create.topics.enable", "true",
                    "num.partitions", AUTO_CREATED_PARTITIONS));
            return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "quarkus.log.category.\"kafka\".level", "WARN",
                    "quarkus.log.category.\"org.apache.kafka\".level", "WARN");
        }

        @Override
        public void stop() {
            kafka.close();
        }
    }

    @Test
    void everyPlatformTopicExistsAsDefined() throws Exception {
        String servers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", servers))) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames().get();
            Map<ConfigResource, Config> configs = admin.describeConfigs(Topics.ALL.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get();
            for (TopicDefinition defined : TopicDefinitions.ALL) {
                assertEquals(defined.partitions(), topics.get(defined.name()).partitions().size(), defined.name());
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, defined.name()));
                defined.configs().forEach((key, value) ->
                        assertEquals(value, config.get(key).value(), defined.name() + " " + key));
            }
        }
    }
}
