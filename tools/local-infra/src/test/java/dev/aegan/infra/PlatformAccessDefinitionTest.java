package dev.aegan.infra;

import dev.aegan.contracts.Channels;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.kafka.PlatformAccess;
import dev.aegan.contracts.kafka.PrincipalAccess;
import dev.aegan.topics.ProvisioningMode;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PlatformAccess} against what the services are configured to do (the topic of every channel,
 * every consumer group and transactional id in their {@code application.properties}), against the topics
 * their code reads without a channel, and against the README's table of principals: a channel or a read
 * added without its ACL, or a table left behind, fails here.
 */
class PlatformAccessDefinitionTest {
    private static final Path REPOSITORY = Path.of("../..");
    private static final String INCOMING = "mp.messaging.incoming.";
    private static final String OUTGOING = "mp.messaging.outgoing.";
    private static final String CONNECTOR = ".connector";
    /** A class that reads a topic itself rather than through a channel: any {@code *TopicReader}, {@code TopicEnds}, a consumer. */
    private static final Pattern DIRECT_READER = Pattern.compile("\\b(\\w*TopicReader|TopicEnds|KafkaConsumer)\\b");
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("\\bTopics\\.([A-Z_]+)\\b");
    private static final Pattern DEPENDENCY = Pattern.compile("<artifactId>([a-z-]+)</artifactId>");

    @Test
    void everyTopicGroupAndTransactionalIdAServiceIsConfiguredWithIsGranted() throws IOException {
        for (PrincipalAccess service : PlatformAccess.SERVICES) {
            Properties properties = applicationProperties(service.principal());
            assertEquals(service.principal(), properties.getProperty("quarkus.application.name"),
                    "a service's principal is named as the service");
            List<AclBinding> bindings = service.aclBindings(List.of());
            for (String key : properties.stringPropertyNames()) {
                String value = withExpressionsFilledIn(properties.getProperty(key));
                String where = service.principal() + ": " + key + "=" + properties.getProperty(key);
                if (key.startsWith(INCOMING) && key.endsWith(CONNECTOR)) {
                    String topic = topicOf(key, properties);
                    assertTrue(service.reads().contains(topic), where + " reads " + topic + ", not among the topics it reads");
                } else if (key.startsWith(OUTGOING) && key.endsWith(CONNECTOR)) {
                    String topic = topicOf(key, properties);
                    assertTrue(service.writes().contains(topic), where + " writes " + topic + ", not among the topics it writes");
                } else if (key.startsWith(INCOMING) && key.endsWith(".group.id")) {
                    assertTrue(granted(bindings, ResourceType.GROUP, value), where + " is not among its consumer groups");
                } else if (key.startsWith(OUTGOING) && key.endsWith(".transactional.id")) {
                    assertTrue(granted(bindings, ResourceType.TRANSACTIONAL_ID, value),
                            where + " is not among its transactional ids");
                }
            }
        }
    }

    /**
     * Every platform topic named in a class that reads topics itself (a replay to the end, a catch-up
     * read, where a topic ends), in the service or in a platform library it depends on, is among the
     * topics the service reads. Contracts' own readers are left out: they serve every service, and
     * each service's use of them names its topic here.
     */
    @Test
    void everyTopicAServiceReadsWithoutAChannelIsGranted() throws Exception {
        for (PrincipalAccess service : PlatformAccess.SERVICES) {
            for (Path source : sourcesOf(service.principal())) {
                String code = Files.readString(source);
                if (!DIRECT_READER.matcher(code).find()) {
                    continue;
                }
                Matcher constant = TOPIC_CONSTANT.matcher(code);
                while (constant.find()) {
                    String topic = (String) Topics.class.getField(constant.group(1)).get(null);
                    assertTrue(service.reads().contains(topic), service.principal() + ": "
                            + REPOSITORY.relativize(source) + " reads " + topic + " itself, not among the topics it reads");
                }
            }
        }
    }

    /**
     * The topic of the channel whose connector {@code connectorKey} configures: the service's own setting if
     * it has one, else contracts' channel table, else (as SmallRye does) the channel's name.
     */
    private static String topicOf(String connectorKey, Properties properties) {
        String channelPrefix = connectorKey.substring(0, connectorKey.length() - CONNECTOR.length());
        String channel = channelPrefix.substring(channelPrefix.lastIndexOf('.') + 1);
        return properties.getProperty(channelPrefix + ".topic", Channels.topicOf(channel).orElse(channel));
    }

    @Test
    void theReadmeTableOfPrincipalsIsTheDefinition() throws IOException {
        String readme = Files.readString(REPOSITORY.resolve("README.md"));
        String table = readmeTable();
        assertTrue(readme.contains(table), "README.md's table of Kafka principals differs from PlatformAccess; it should be:\n"
                + table);
        String rights = "create mode " + ProvisioningMode.CREATE.topicOperationNames() + ", verify mode "
                + ProvisioningMode.VERIFY.topicOperationNames();
        assertTrue(readme.replaceAll("\\s+", " ").contains(rights),
                "README.md should name the rights of topic provisioning: " + rights);
    }

    /** The README's table, one row per principal of {@link PlatformAccess#ALL}. */
    private static String readmeTable() {
        StringBuilder table = new StringBuilder("| principal | reads | writes | consumer groups | transactional ids "
                + "| provisions topics |\n|---|---|---|---|---|---|\n");
        for (PrincipalAccess principal : PlatformAccess.ALL) {
            table.append("| `").append(principal.principal()).append("` | ")
                    .append(names(principal.reads())).append(" | ")
                    .append(names(principal.writes())).append(" | ")
                    .append(names(principal.groups())).append(" | ")
                    .append(names(principal.transactionalIds())).append(" | ")
                    .append(principal.provisionsTopics() ? "yes" : "no").append(" |\n");
        }
        return table.toString();
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : names.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
    }

    /** The main sources of {@code module} and of the platform libraries (but contracts) its POM names. */
    private static List<Path> sourcesOf(String module) throws IOException {
        List<Path> roots = new ArrayList<>(List.of(REPOSITORY.resolve(module)));
        Matcher dependency = DEPENDENCY.matcher(Files.readString(REPOSITORY.resolve(module).resolve("pom.xml")));
        while (dependency.find()) {
            Path library = REPOSITORY.resolve("libs").resolve(dependency.group(1));
            if (Files.isDirectory(library) && !dependency.group(1).equals("contracts")) {
                roots.add(library);
            }
        }
        List<Path> sources = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root.resolve("src/main/java"))) {
                files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        return sources;
    }

    private static Properties applicationProperties(String module) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(REPOSITORY.resolve(module)
                .resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    /** {@code ${quarkus.uuid}}, {@code ${aegan.ingest.instance-id}}: a per-instance part, some name at run time. */
    private static String withExpressionsFilledIn(String value) {
        return value.replaceAll("\\$\\{[^}]*}", "instance-1");
    }

    private static boolean granted(List<AclBinding> bindings, ResourceType type, String name) {
        return bindings.stream().anyMatch(binding -> binding.pattern().resourceType() == type
                && binding.entry().operation() != AclOperation.DESCRIBE
                && (binding.pattern().patternType() == PatternType.LITERAL ? name.equals(binding.pattern().name())
                : name.startsWith(binding.pattern().name())));
    }
}
