package dev.aegan.local.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aegan.contracts.kafka.PlatformAccess;
import dev.aegan.contracts.kafka.PrincipalAccess;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker-compose.yml's Kafka principals: their ACLs as contracts define them, and each service signing in as its own. */
class ComposeKafkaAccessTest {
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theCommittedSetupScriptIsUpToDate() throws IOException {
        assertEquals(ComposeKafkaAccess.script(), Files.readString(REPOSITORY.resolve(ComposeKafkaAccess.FILE)),
                "containers/kafka-setup/platform-access.sh differs from what contracts define; regenerate it as "
                        + "ComposeKafkaAccess says");
    }

    @Test
    void oneCallGrantsTheOperationsAResourceNeedsAndNoMore() {
        String principal = "some-service";
        List<AclBinding> bindings = List.of(
                allow(principal, ResourceType.TOPIC, "a", PatternType.LITERAL, AclOperation.READ),
                allow(principal, ResourceType.TOPIC, "a", PatternType.LITERAL, AclOperation.DESCRIBE),
                allow(principal, ResourceType.GROUP, "g", PatternType.LITERAL, AclOperation.READ),
                allow(principal, ResourceType.TOPIC, "b", PatternType.LITERAL, AclOperation.DESCRIBE),
                allow(principal, ResourceType.TRANSACTIONAL_ID, "t-", PatternType.PREFIXED, AclOperation.WRITE));

        assertEquals(List.of(
                "--allow-principal User:some-service --resource-pattern-type literal --operation Describe --topic b",
                "--allow-principal User:some-service --resource-pattern-type literal --operation Describe --operation Read --topic a",
                "--allow-principal User:some-service --resource-pattern-type literal --operation Read --group g",
                "--allow-principal User:some-service --resource-pattern-type prefixed --operation Write --transactional-id t-"),
                ComposeKafkaAccess.aclCalls(principal, bindings));
    }

    @Test
    void everyServiceSignsInAsItsOwnPrincipalWithItsOwnPassword() throws IOException {
        JsonNode services = YAML.readTree(REPOSITORY.resolve("docker-compose.yml").toFile()).path("services");
        for (PrincipalAccess access : PlatformAccess.SERVICES) {
            String service = access.principal().replaceFirst("-service$", "");
            String jaas = services.path(service).path("environment").path("KAFKA_SASL_JAAS_CONFIG").asText();
            assertTrue(jaas.contains("username=\"" + access.principal() + "\" password=\"${"
                    + ComposeKafkaAccess.passwordVariable(access.principal()) + ":?"), service + ": " + jaas);
        }
        JsonNode setup = services.path("kafka-setup").path("environment");
        for (PrincipalAccess access : PlatformAccess.ALL) {
            assertTrue(setup.has(ComposeKafkaAccess.passwordVariable(access.principal())), access.principal());
        }
        JsonNode standIns = YAML.readTree(REPOSITORY.resolve("containers/standins/docker-compose.standins.yml").toFile())
                .path("services");
        for (JsonNode file : List.of(services, standIns)) {
            assertEquals(file.path("kafka").path("image"), file.path("kafka-setup").path("image"),
                    "kafka-setup runs the broker's image, for its tools");
        }
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
    }
}
