package dev.aegan.contracts.kafka;

import dev.aegan.contracts.Topics;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PrincipalAccessTest {
    private static final PrincipalAccess JUDGE = new PrincipalAccess("judge", List.of(Topics.CHECKPOINTS),
            List.of(Topics.EVALUATIONS), List.of("judge", "judge-view-*"), List.of("judge-tx-*"), true);

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:judge", "*", operation, AclPermissionType.ALLOW));
    }

    @Test
    void eachRightBecomesOneAllowBindingAndATrailingStarAPrefix() {
        List<AclBinding> bindings = JUDGE.aclBindings(List.of(AclOperation.DESCRIBE));

        List<AclBinding> own = List.of(
                allow(ResourceType.TOPIC, Topics.CHECKPOINTS, PatternType.LITERAL, AclOperation.READ),
                allow(ResourceType.TOPIC, Topics.EVALUATIONS, PatternType.LITERAL, AclOperation.WRITE),
                allow(ResourceType.GROUP, "judge", PatternType.LITERAL, AclOperation.READ),
                allow(ResourceType.GROUP, "judge-view-", PatternType.PREFIXED, AclOperation.READ),
                allow(ResourceType.TRANSACTIONAL_ID, "judge-tx-", PatternType.PREFIXED, AclOperation.WRITE));
        assertEquals(own, bindings.subList(0, own.size()));
        assertEquals(Set.copyOf(Topics.ALL.stream()
                        .map(topic -> allow(ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE)).toList()),
                Set.copyOf(bindings.subList(own.size(), bindings.size())), "provisioning's rights on every platform topic");
    }

    @Test
    void aPrincipalThatDoesNotProvisionGetsNoTopicAdministration() {
        PrincipalAccess user = new PrincipalAccess("user", List.of(), List.of(Topics.INGEST_IMAGES), List.of(), List.of(),
                false);
        assertEquals(1, user.aclBindings(List.of(AclOperation.CREATE)).size());
    }

    @Test
    void unknownTopicsAndStarsInsideNamesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new PrincipalAccess("p", List.of("evaluation"), List.of(), List.of(), List.of(), false));
        assertThrows(IllegalArgumentException.class,
                () -> new PrincipalAccess("p", List.of(), List.of(), List.of("a*b"), List.of(), false));
        assertThrows(IllegalArgumentException.class,
                () -> new PrincipalAccess("p", List.of(), List.of(), List.of(), List.of("*"), false));
    }
}
