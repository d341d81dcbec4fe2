package dev.aegan.k8s;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The catalog finds settings wherever a service's code reads them: its own mapping, a shared module's
 * {@code @ConfigMapping} (api-security, checkpoint-judging) or {@code @ConfigProperty} (service-health,
 * artifact-store, rest-errors), and its application.properties.
 */
class ServiceConfigCatalogTest {

    @Test
    void theJudgesReadTheSharedModulesSettings() {
        for (String service : List.of("metrics", "critic")) {
            ServiceConfigCatalog catalog = ServiceConfigCatalog.of(Overlays.REPOSITORY, service);
            String own = "AEGAN_" + service.toUpperCase() + "_";
            List<String> read = List.of("AEGAN_AUTH_TOKENS", "AEGAN_AUTH_ENABLED", "AEGAN_AUTH_READ_ACCESS", "AEGAN_AUTH_ALLOWED_ORIGINS",
                    "AEGAN_HEALTH_TIMEOUT", "AEGAN_HTTP_MAX_URL_LENGTH", own + "INSTANCE_ID", own + "EVALUATIONS_READ_TIMEOUT",
                    own + "DATASET_READ_TIMEOUT", "AEGAN_S3_ENDPOINT", "AEGAN_TOPICS_PROVISIONING", "KAFKA_SASL_JAAS_CONFIG");
            assertEquals(read, read.stream().filter(catalog::reads).toList(), service);
            List<String> unknown = List.of("AEGAN_AUTH_TOKEN", own + "INSTANCEID", "AEGAN_HEALTH_TIMEOUTS");
            assertEquals(List.of(), unknown.stream().filter(catalog::reads).toList(), service);
        }
    }

    @Test
    void ingestReadsItsInstanceIdAndNoObjectStoreSettings() {
        ServiceConfigCatalog ingest = ServiceConfigCatalog.of(Overlays.REPOSITORY, "ingest");
        assertEquals(List.of("AEGAN_INGEST_INSTANCE_ID", "AEGAN_AUTH_TOKENS", "AEGAN_HEALTH_TIMEOUT"),
                List.of("AEGAN_INGEST_INSTANCE_ID", "AEGAN_AUTH_TOKENS", "AEGAN_HEALTH_TIMEOUT").stream().filter(ingest::reads).toList());
        assertEquals(List.of(), List.of("AEGAN_S3_ENDPOINT", "AEGAN_METRICS_INSTANCE_ID").stream().filter(ingest::reads).toList());
    }
}
