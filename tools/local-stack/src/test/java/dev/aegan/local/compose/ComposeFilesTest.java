package dev.aegan.local.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What keeps the compose scenario honest: it runs the users' compose file, changed only where this machine must. */
class ComposeFilesTest {
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theStandInOverrideSwapsOnlyTheImagesOfKafkaAndMinio() throws IOException {
        assertEquals(List.of(), overrideViolations(YAML.readTree(REPOSITORY.resolve("containers/standins/docker-compose.standins.yml").toFile())));
    }

    @Test
    void anOverrideThatChangesAnythingElseIsCaught() throws IOException {
        JsonNode sneaky = YAML.readTree("""
                services:
                  kafka:
                    image: localhost/kafka
                    environment: {KAFKA_LOG_RETENTION_MS: "-1"}
                  trainer:
                    image: localhost/trainer
                volumes:
                  extra: {}
                """);
        assertEquals(List.of("top-level key volumes", "kafka.environment", "service trainer"), overrideViolations(sneaky));
    }

    @Test
    void imagesDefaultToTheProjectVersion() throws IOException {
        String pom = Files.readString(REPOSITORY.resolve("pom.xml"));
        Matcher version = Pattern.compile("\n  <version>(.+)</version>").matcher(pom);
        assertTrue(version.find());
        for (String file : List.of("docker-compose.yml", "docker-compose.gpu.yml")) {
            Matcher tag = Pattern.compile("\\$\\{AEGAN_VERSION:-([^}]+)}").matcher(Files.readString(REPOSITORY.resolve(file)));
            int tags = 0;
            while (tag.find()) {
                assertEquals(version.group(1), tag.group(1), file);
                tags++;
            }
            assertTrue(tags > 0, file + " names no image tag");
        }
    }

    private static List<String> overrideViolations(JsonNode override) {
        List<String> violations = new ArrayList<>();
        override.fieldNames().forEachRemaining(key -> {
            if (!key.equals("services")) {
                violations.add("top-level key " + key);
            }
        });
        override.path("services").fields().forEachRemaining(service -> {
            if (!Set.of("kafka", "kafka-setup", "minio").contains(service.getKey())) {
                violations.add("service " + service.getKey());
                return;
            }
            service.getValue().fieldNames().forEachRemaining(key -> {
                if (!Set.of("image", "build").contains(key)) {
                    violations.add(service.getKey() + "." + key);
                }
            });
        });
        return violations;
    }
}
