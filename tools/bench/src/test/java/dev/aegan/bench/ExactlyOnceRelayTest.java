package dev.aegan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The relay follows ingest-service's own Kafka settings, and hands back exactly the values it packed. */
class ExactlyOnceRelayTest {
    private static final Path INGEST_PROPERTIES =
            Path.of("../../ingest-service/src/main/resources/application.properties").toAbsolutePath().normalize();

    @Test
    void consumesWithIngestsTopicConsumerSettingsButItsOwnGroup() {
        Map<String, Object> settings = ExactlyOnceRelay.consumerSettings(INGEST_PROPERTIES);
        assertEquals("read_committed", settings.get("isolation.level"));
        assertTrue(settings.keySet().containsAll(List.of("max.poll.records", "fetch.min.bytes", "fetch.max.wait.ms")),
                settings.toString());
        assertFalse(settings.containsKey("group.id"), settings.toString());
        assertFalse(settings.containsKey("value.deserializer"), settings.toString());
        assertFalse(settings.containsKey("batch"), "smallrye's own attributes are no Kafka settings: " + settings);
    }

    @Test
    void producesWithIngestsTransactionalProducerSettingsButItsOwnTransactionalId() {
        Map<String, Object> settings = ExactlyOnceRelay.producerSettings(INGEST_PROPERTIES);
        assertEquals("all", settings.get("acks"));
        assertEquals("true", settings.get("enable.idempotence"));
        assertFalse(settings.containsKey("transactional.id"), settings.toString());
        assertFalse(settings.containsKey("value.serializer"), settings.toString());
    }

    @Test
    void unpacksTheValuesItPacked() {
        List<byte[]> values = List.of(bytes("first"), new byte[0], bytes("third value"));
        List<ByteBuffer> unpacked = ExactlyOnceRelay.unpack(ExactlyOnceRelay.pack(values));
        assertEquals(values.stream().map(ByteBuffer::wrap).toList(), unpacked);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
