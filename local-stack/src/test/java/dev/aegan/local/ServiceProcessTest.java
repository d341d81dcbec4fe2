package dev.aegan.local;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServiceProcessTest {

    @Test
    void infrastructureSettingsTravelAsTheEnvironmentVariablesQuarkusReads() {
        assertEquals("AEGAN_S3_SECRET_KEY", ServiceProcess.environmentVariable("aegan.s3.secret-key"));
        assertEquals("KAFKA_BOOTSTRAP_SERVERS", ServiceProcess.environmentVariable("kafka.bootstrap.servers"));
    }
}
