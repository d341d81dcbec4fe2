package dev.aegan.contracts.kafka;

import dev.aegan.contracts.Topics;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What one Kafka principal ({@code User:<principal>}) of the platform does on the cluster, from which
 * the ACLs it needs are derived ({@link #aclBindings}). Consumer groups and transactional ids are
 * names, or prefixes written with a trailing {@code *} ({@code trainer-view-*}: every group whose
 * name starts with {@code trainer-view-}).
 *
 * @param reads            topics it consumes (Read, which includes Describe)
 * @param writes           topics it produces to (Write, which includes Describe)
 * @param groups           consumer groups it consumes in and commits offsets to (Read)
 * @param transactionalIds transactional ids of its producers (Write)
 * @param provisionsTopics whether it runs topic provisioning at start, and so needs its rights on every platform topic
 */
public record PrincipalAccess(String principal, List<String> reads, List<String> writes, List<String> groups,
                              List<String> transactionalIds, boolean provisionsTopics) {
    private static final String PREFIX_MARK = "*";

    public PrincipalAccess {
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
        groups = List.copyOf(groups);
        transactionalIds = List.copyOf(transactionalIds);
        for (String topic : concat(reads, writes)) {
            if (!Topics.ALL.contains(topic)) {
                throw new IllegalArgumentException(principal + ": " + topic + " is not a platform topic");
            }
        }
        groups.forEach(group -> pattern(ResourceType.GROUP, group));
        transactionalIds.forEach(id -> pattern(ResourceType.TRANSACTIONAL_ID, id));
    }

    /**
     * The ACL bindings that allow exactly this, all of them {@code Allow} from any host.
     *
     * @param provisioning the operations topic provisioning needs on every platform topic in the
     *                     mode the services run it in (none when they do not)
     */
    public List<AclBinding> aclBindings(Collection<AclOperation> provisioning) {
        List<AclBinding> bindings = new ArrayList<>();
        reads.forEach(topic -> bindings.add(allow(literal(ResourceType.TOPIC, topic), AclOperation.READ)));
        writes.forEach(topic -> bindings.add(allow(literal(ResourceType.TOPIC, topic), AclOperation.WRITE)));
        groups.forEach(group -> bindings.add(allow(pattern(ResourceType.GROUP, group), AclOperation.READ)));
        transactionalIds.forEach(id -> bindings.add(allow(pattern(ResourceType.TRANSACTIONAL_ID, id), AclOperation.WRITE)));
        if (provisionsTopics) {
            for (String topic : Topics.ALL) {
                provisioning.forEach(operation -> bindings.add(allow(literal(ResourceType.TOPIC, topic), operation)));
            }
        }
        return bindings;
    }

    private AclBinding allow(ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
    }

    private static ResourcePattern literal(ResourceType type, String name) {
        return new ResourcePattern(type, name, PatternType.LITERAL);
    }

    private static ResourcePattern pattern(ResourceType type, String name) {
        int mark = name.indexOf(PREFIX_MARK);
        if (name.equals(PREFIX_MARK) || (mark >= 0 && mark != name.length() - 1)) {
            throw new IllegalArgumentException("'" + name + "' is neither a name nor a prefix ending in " + PREFIX_MARK);
        }
        return mark < 0 ? new ResourcePattern(type, name, PatternType.LITERAL)
                : new ResourcePattern(type, name.substring(0, mark), PatternType.PREFIXED);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
