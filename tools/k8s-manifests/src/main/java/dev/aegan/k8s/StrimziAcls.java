package dev.aegan.k8s;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Kafka ACL bindings as the {@code acls} of a Strimzi {@code KafkaUser} (simple authorization): one rule
 * per resource pattern, holding every operation granted on it. Strimzi gives each rule to the user's
 * principal, allowed from any host, so only such bindings are taken.
 */
final class StrimziAcls {
    private static final Map<ResourceType, String> RESOURCE_TYPES = Map.of(
            ResourceType.TOPIC, "topic", ResourceType.GROUP, "group",
            ResourceType.TRANSACTIONAL_ID, "transactionalId", ResourceType.CLUSTER, "cluster");
    private static final Map<PatternType, String> PATTERN_TYPES = Map.of(
            PatternType.LITERAL, "literal", PatternType.PREFIXED, "prefix");
    private static final List<ResourceType> ORDER = List.of(
            ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID, ResourceType.CLUSTER);
    private static final Comparator<ResourcePattern> RULE_ORDER = Comparator
            .comparingInt((ResourcePattern pattern) -> ORDER.indexOf(pattern.resourceType()))
            .thenComparing(ResourcePattern::patternType)
            .thenComparing(ResourcePattern::name);

    private StrimziAcls() {
    }

    /** The rules granting exactly {@code bindings}, all of them for {@code User:<principal>}. */
    static List<Object> of(String principal, List<AclBinding> bindings) {
        Map<ResourcePattern, SortedSet<String>> operations = new TreeMap<>(RULE_ORDER);
        for (AclBinding binding : bindings) {
            if (!binding.entry().principal().equals("User:" + principal) || !binding.entry().host().equals("*")
                    || binding.entry().permissionType() != AclPermissionType.ALLOW) {
                throw new IllegalArgumentException("a KafkaUser's rule allows its own principal from any host, not " + binding);
            }
            String type = RESOURCE_TYPES.get(binding.pattern().resourceType());
            String patternType = PATTERN_TYPES.get(binding.pattern().patternType());
            if (type == null || patternType == null) {
                throw new IllegalArgumentException("Strimzi has no ACL rule for " + binding.pattern());
            }
            operations.computeIfAbsent(binding.pattern(), pattern -> new TreeSet<>()).add(operationName(binding.entry().operation()));
        }
        List<Object> rules = new ArrayList<>();
        operations.forEach((pattern, granted) -> {
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("type", RESOURCE_TYPES.get(pattern.resourceType()));
            resource.put("name", pattern.name());
            resource.put("patternType", PATTERN_TYPES.get(pattern.patternType()));
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("resource", resource);
            rule.put("operations", List.copyOf(granted));
            rules.add(rule);
        });
        return rules;
    }

    /** {@code DESCRIBE_CONFIGS} as Strimzi (and Kafka's tools) spell it: {@code DescribeConfigs}. */
    static String operationName(AclOperation operation) {
        StringBuilder name = new StringBuilder();
        for (String word : operation.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }
}
