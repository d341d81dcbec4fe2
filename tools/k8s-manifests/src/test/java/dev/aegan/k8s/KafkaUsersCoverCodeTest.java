package dev.aegan.k8s;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.kafka.PlatformAccess;
import dev.aegan.contracts.kafka.PrincipalAccess;
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
 * The KafkaUsers' rights ({@link PlatformAccess}) cover what each service's code touches, not only its
 * channels (whose topics, groups and transactional ids local-infra's PlatformAccessDefinitionTest holds
 * against the definition): every topic its sources, and the project modules it uses, name through
 * {@link Topics}, and datasets.batches wherever a DatasetTopicReader is made, is one it reads or writes.
 */
class KafkaUsersCoverCodeTest {
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("Topics\\.([A-Z_]+)\\b");

    @Test
    void everyServicePrincipalReadsOrWritesEachTopicItsCodeNames() {
        List<String> uncovered = new ArrayList<>();
        for (PrincipalAccess service : PlatformAccess.SERVICES) {
            Set<String> used = new TreeSet<>(service.reads());
            used.addAll(service.writes());
            for (String topic : topicsNamedInCode(service.principal())) {
                if (!used.contains(topic)) {
                    uncovered.add(service.principal() + " names " + topic + " in its code but neither reads nor writes it");
                }
            }
        }
        assertEquals(List.of(), uncovered);
    }

    /** Topics the module's code names through Topics constants (contracts itself aside: it names them all). */
    private static Set<String> topicsNamedInCode(String module) {
        Set<String> topics = new TreeSet<>();
        for (Path dependency : ServiceConfigCatalog.moduleClosure(Overlays.REPOSITORY, module)) {
            if (dependency.getFileName().toString().equals("contracts") || !Files.isDirectory(dependency.resolve("src/main/java"))) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dependency.resolve("src/main/java"))) {
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
