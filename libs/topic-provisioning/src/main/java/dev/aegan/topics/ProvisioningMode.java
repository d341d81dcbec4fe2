package dev.aegan.topics;

import org.apache.kafka.common.acl.AclOperation;

import java.util.List;

/** What a service does about the platform's topics when it starts ({@code aegan.topics.provisioning}). */
public enum ProvisioningMode {
    /** Create missing topics and set topic configs that differ from the definitions. */
    CREATE(List.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.CREATE, AclOperation.ALTER_CONFIGS)),
    /**
     * Change nothing; refuse to start when a topic is missing or a config differs. For clusters
     * whose topics an operator manages (Strimzi {@code KafkaTopic}), where services may not create.
     */
    VERIFY(List.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS)),
    /** Leave topics alone entirely. */
    OFF(List.of());

    private final List<AclOperation> topicOperations;

    ProvisioningMode(List<AclOperation> topicOperations) {
        this.topicOperations = topicOperations;
    }

    /** The operations this mode needs on every platform topic, where a broker authorizes. */
    public List<AclOperation> topicOperations() {
        return topicOperations;
    }

    /** {@link #topicOperations} as Kafka's tools spell them: {@code Describe, DescribeConfigs}. */
    public String topicOperationNames() {
        return String.join(", ", topicOperations.stream().map(ProvisioningMode::camelCase).toList());
    }

    private static String camelCase(AclOperation operation) {
        StringBuilder name = new StringBuilder();
        for (String word : operation.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return name.toString();
    }
}
