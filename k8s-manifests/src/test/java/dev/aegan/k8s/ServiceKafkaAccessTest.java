package dev.aegan.k8s;

import dev.aegan.contracts.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The KafkaUser ACLs cover what each service's code touches, not only its channels: every topic its
 * sources (and the project modules it uses) name through {@link Topics}, and datasets.batches
 * wherever a DatasetTopicReader is made, is one its access reads or writes.
 */
class ServiceKafkaAccessTest {
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("Topics\\.([A-Z_]+)\\b");

    @Test
    void theAccessOfEveryServiceCoversTheTopicsItsCodeNames() {
        List<String> uncovered = new ArrayList<>();
        for (String service : ServiceKafkaAccess.SERVICES) {
            KafkaAccess access = ServiceKafkaAccess.of(Overlays.REPOSITORY, service);
            Set<String> used = new TreeSet<>(access.reads());
            used.addAll(access.writes());
            for (String topic : topicsNamedInCode(service)) {
                if (!used.contains(topic)) {
                    uncovered.add(service + " names " + topic + " in its code but neither reads nor writes it in its ACLs");
                }
            }
        }
        assertEquals(List.of(), uncovered);
    }

    @Test
    void channelsSetTheGroupsAndTransactionalIds() {
        KafkaAccess ingest = ServiceKafkaAccess.of(Overlays.REPOSITORY, "ingest");
        assertEquals(Set.of("aegan-ingest"), ingest.groups());
        assertEquals(Set.of("aegan-ingest-"), ingest.transactionalIdPrefixes());
        KafkaAccess gallery = ServiceKafkaAccess.of(Overlays.REPOSITORY, "gallery");
        assertEquals(Set.of(), gallery.groups());
        assertEquals(Set.of("gallery-checkpoints-", "gallery-datasets-", "gallery-evaluations-", "gallery-metrics-",
                "gallery-rejections-", "gallery-runs-"), gallery.groupPrefixes());
        assertEquals(Set.of(), gallery.writes());
    }

    /** Topics the service's modules name through Topics constants (contracts itself aside: it names them all). */
    private static Set<String> topicsNamedInCode(String service) {
        Set<String> topics = new TreeSet<>();
        for (Path module : ServiceConfigCatalog.moduleClosure(Overlays.REPOSITORY, service + "-service")) {
            if (module.getFileName().toString().equals("contracts") || !Files.isDirectory(module.resolve("src/main/java"))) {
                continue;
            }
            try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    Matcher constant = TOPIC_CONSTANT.matcher(source);
                    while (constant.find()) {
                        if (!constant.group(1).equals("ALL")) {
                            topics.add(topicNamed(constant.group(1)));
                        }
                    }
                    if (source.contains("new DatasetTopicReader(")) {
                        topics.add(Topics.DATASET_BATCHES);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return topics;
    }

    private static String topicNamed(String constant) {
        try {
            Field field = Topics.class.getField(constant);
            return (String) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Topics." + constant, e);
        }
    }
}
