package dev.aegan.topics;

import java.util.List;

/**
 * What one provisioning pass did.
 *
 * @param created  topics this pass created
 * @param aligned  configs this pass set on existing topics
 * @param warnings what differs but is never changed automatically (partition counts, replication)
 */
public record ProvisioningReport(List<String> created, List<ConfigChange> aligned, List<String> warnings) {
    public ProvisioningReport {
        created = List.copyOf(created);
        aligned = List.copyOf(aligned);
        warnings = List.copyOf(warnings);
    }

    static ProvisioningReport nothingDone() {
        return new ProvisioningReport(List.of(), List.of(), List.of());
    }

    /** True when the cluster already matched the definitions: nothing created, nothing set. */
    public boolean changedNothing() {
        return created.isEmpty() && aligned.isEmpty();
    }
}
