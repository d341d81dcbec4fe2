package dev.aegan.k8s;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one principal does on Kafka: the topics it reads and writes, the consumer groups it joins
 * or commits for (by exact name, or by prefix where each instance has its own) and the prefixes
 * of its transactional ids. Strimzi's {@code KafkaUser} ACLs are written from it.
 */
public record KafkaAccess(String principal, SortedSet<String> reads, SortedSet<String> writes, SortedSet<String> described,
                          SortedSet<String> groups, SortedSet<String> groupPrefixes, SortedSet<String> transactionalIdPrefixes) {

    public KafkaAccess {
        reads = frozen(reads);
        writes = frozen(writes);
        described = frozen(described);
        groups = frozen(groups);
        groupPrefixes = frozen(groupPrefixes);
        transactionalIdPrefixes = frozen(transactionalIdPrefixes);
    }

    /** Every topic this principal names. */
    public SortedSet<String> topics() {
        SortedSet<String> all = new TreeSet<>(reads);
        all.addAll(writes);
        all.addAll(described);
        return Collections.unmodifiableSortedSet(all);
    }

    private static SortedSet<String> frozen(SortedSet<String> names) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(names));
    }
}
