package dev.aegan.local;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LocalStackTest {

    @Test
    void kafkaSettingsOfTheLauncherReachTheServicesThroughTheirEnvironmentOnly() {
        Properties launcher = new Properties();
        launcher.setProperty("kafka.sasl.jaas.config", "ScramLoginModule required password=\"secret\";");
        launcher.setProperty("kafka.client.rack", "rack-1");
        launcher.setProperty("aegan.trainer.concurrency", "2");
        launcher.setProperty("aegan.local.steps", "10");

        assertEquals(List.of("-Daegan.trainer.concurrency=2"), LocalStack.passedOn(launcher));
        assertEquals(Map.of("kafka.sasl.jaas.config", "ScramLoginModule required password=\"secret\";",
                "kafka.client.rack", "rack-1"), LocalStack.kafkaSettings(launcher));
        assertEquals("KAFKA_SASL_JAAS_CONFIG", ServiceLaunch.environmentVariable("kafka.sasl.jaas.config"));
    }
}
