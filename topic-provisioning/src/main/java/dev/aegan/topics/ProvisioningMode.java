package dev.aegan.topics;

/** What a service does about the platform's topics when it starts ({@code aegan.topics.provisioning}). */
public enum ProvisioningMode {
    /** Create missing topics and set topic configs that differ from the definitions. */
    CREATE,
    /**
     * Change nothing; refuse to start when a topic is missing or a config differs. For clusters
     * whose topics an operator manages (Strimzi {@code KafkaTopic}), where services may not create.
     */
    VERIFY,
    /** Leave topics alone entirely. */
    OFF
}
