package dev.aegan.k8s;

import dev.aegan.contracts.Topics;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka access of each service, read off its {@code application.properties} (the topic, group
 * and transactional id of every SmallRye channel) plus what its code does outside channels (below).
 * The one place the {@code KafkaUser} ACLs come from: when contracts defines each service's access
 * itself, {@link #of} returns that instead.
 */
public final class ServiceKafkaAccess {
    /** The services, by the short name their Deployment and KafkaUser carry; each is the module {@code <name>-service}. */
    public static final List<String> SERVICES = List.of("ingest", "trainer", "metrics", "critic", "gallery");

    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");

    /**
     * Kafka use that no channel property shows: dataset replays by assignment, without a group
     * ({@code DatasetTopicReader}, the dataset catalogs), and records that ingest's transactional
     * producer sends to other topics than its channel's. Checked against the sources by
     * {@code ServiceKafkaAccessTest}.
     */
    private static final Map<String, Outside> OUTSIDE_CHANNELS = Map.of(
            "ingest", new Outside(Set.of(Topics.DATASET_EVENTS), Set.of(Topics.DATASET_EVENTS, Topics.INGEST_DEAD_LETTER)),
            "trainer", new Outside(Set.of(Topics.DATASET_EVENTS, Topics.DATASET_BATCHES), Set.of()),
            "metrics", new Outside(Set.of(Topics.DATASET_BATCHES), Set.of()),
            "critic", new Outside(Set.of(Topics.DATASET_BATCHES), Set.of()),
            "gallery", new Outside(Set.of(Topics.DATASET_BATCHES), Set.of()));

    private ServiceKafkaAccess() {
    }

    /**
     * What {@code service} does on Kafka. Every service also describes every platform topic and its
     * configs: topic provisioning checks them at start ({@code aegan.topics.provisioning=verify}).
     */
    public static KafkaAccess of(Path repository, String service) {
        SortedSet<String> reads = new TreeSet<>(OUTSIDE_CHANNELS.get(service).reads());
        SortedSet<String> writes = new TreeSet<>(OUTSIDE_CHANNELS.get(service).writes());
        SortedSet<String> groups = new TreeSet<>();
        SortedSet<String> groupPrefixes = new TreeSet<>();
        SortedSet<String> transactionalIdPrefixes = new TreeSet<>();
        Properties properties = applicationProperties(repository, service);
        for (String key : properties.stringPropertyNames()) {
            Matcher channel = CHANNEL.matcher(key);
            if (!channel.matches()) {
                continue;
            }
            boolean incoming = channel.group(1).equals("incoming");
            String value = properties.getProperty(key);
            switch (channel.group(3)) {
                case "topic" -> (incoming ? reads : writes).add(value);
                case "group.id" -> addNameOrPrefix(value, groups, groupPrefixes);
                case "transactional.id" -> addNameOrPrefix(value, new TreeSet<>(), transactionalIdPrefixes);
                default -> {
                }
            }
        }
        return new KafkaAccess("aegan-" + service, reads, writes, new TreeSet<>(Topics.ALL), groups, groupPrefixes,
                transactionalIdPrefixes);
    }

    /** The service's {@code application.properties}, profile-specific ({@code %test.}) keys left out. */
    public static Properties applicationProperties(Path repository, String service) {
        Path file = repository.resolve(service + "-service/src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        properties.stringPropertyNames().stream().filter(key -> key.startsWith("%")).forEach(properties::remove);
        return properties;
    }

    /** {@code name-${expression}} (one per instance) is a prefix; anything else an exact name. */
    private static void addNameOrPrefix(String value, Set<String> names, Set<String> prefixes) {
        int expression = value.indexOf("${");
        if (expression < 0) {
            names.add(value);
        } else if (expression == 0) {
            throw new IllegalArgumentException("'" + value + "' has no fixed prefix to grant rights on");
        } else {
            prefixes.add(value.substring(0, expression));
        }
    }

    private record Outside(Set<String> reads, Set<String> writes) {
    }
}
