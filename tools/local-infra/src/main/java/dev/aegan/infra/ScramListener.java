package dev.aegan.infra;

import kafka.tools.StorageTool;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How {@link EmbeddedKafka} makes its broker require authentication: one client listener,
 * {@code SASL_PLAINTEXT} with SCRAM-SHA-512 only, and ACLs enforced by KRaft's
 * {@code StandardAuthorizer}, no ACL meaning no access. The controller listener (loopback, the
 * broker's own link to its controller) takes SASL PLAIN of the super user only: SCRAM credentials
 * live in the metadata the controller serves, so the controller cannot check them itself. The
 * super user is the broker itself and whoever sets the cluster up; every SCRAM user is created with
 * the storage, before the broker first starts, as {@code kafka-storage.sh format --add-scram} does.
 * The client listener also takes SASL PLAIN for the users named for it, with the same password:
 * kcat of Debian 12 (librdkafka 2.0.2) fails SCRAM against Kafka 4, which checks the client's nonce
 * strictly (fixed in librdkafka 2.6.1, confluentinc/librdkafka#4895).
 */
final class ScramListener {
    static final String MECHANISM = "SCRAM-SHA-512";
    static final String SUPER_USER = "admin";
    private static final String PLAIN = "PLAIN";
    private static final String LISTENER = "SASL_PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Names and passwords go into JAAS and formatter arguments unquoted: keep them to these characters. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9._-]+");

    private ScramListener() {
    }

    /**
     * The broker settings that replace the plain listener with the SCRAM one; {@code passwords} holds
     * the super user's, and those of {@code plainUsers}, who may sign in with PLAIN too.
     */
    static Map<String, String> brokerSettings(int clientPort, int controllerPort, Map<String, String> passwords,
                                              Collection<String> plainUsers) {
        String listenerPrefix = "listener.name." + LISTENER.toLowerCase() + ".";
        Map<String, String> settings = new HashMap<>(scramSettings(clientPort, controllerPort, passwords.get(SUPER_USER)));
        if (!plainUsers.isEmpty()) {
            settings.put(listenerPrefix + "sasl.enabled.mechanisms", MECHANISM + "," + PLAIN);
            settings.put(listenerPrefix + "plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule"
                    + " required" + plainUsers.stream().map(user -> " user_" + user + "=\"" + passwords.get(user) + "\"")
                    .collect(Collectors.joining()) + ";");
        }
        return settings;
    }

    private static Map<String, String> scramSettings(int clientPort, int controllerPort, String password) {
        String listenerPrefix = "listener.name." + LISTENER.toLowerCase() + ".";
        String controllerPrefix = "listener.name." + CONTROLLER_LISTENER.toLowerCase() + ".";
        return Map.ofEntries(
                Map.entry("listeners", LISTENER + "://localhost:" + clientPort + "," + CONTROLLER_LISTENER + "://localhost:"
                        + controllerPort),
                Map.entry("advertised.listeners", LISTENER + "://localhost:" + clientPort),
                Map.entry("listener.security.protocol.map", LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER
                        + ":SASL_PLAINTEXT"),
                Map.entry("inter.broker.listener.name", LISTENER),
                Map.entry("sasl.mechanism.inter.broker.protocol", MECHANISM),
                Map.entry(listenerPrefix + "sasl.enabled.mechanisms", MECHANISM),
                // the broker's own client side (transaction markers it sends itself) logs in as the super user
                Map.entry(listenerPrefix + MECHANISM.toLowerCase() + ".sasl.jaas.config", scramJaas(SUPER_USER, password)),
                Map.entry("sasl.mechanism.controller.protocol", PLAIN),
                Map.entry(controllerPrefix + "sasl.enabled.mechanisms", PLAIN),
                Map.entry(controllerPrefix + "plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule"
                        + " required username=\"" + SUPER_USER + "\" password=\"" + password + "\" user_" + SUPER_USER
                        + "=\"" + password + "\";"),
                Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
                Map.entry("super.users", "User:" + SUPER_USER),
                Map.entry("allow.everyone.if.no.acl.found", "false"));
    }

    /** The client settings of SCRAM user {@code user}: what a service sets as {@code kafka.*}. */
    static Map<String, String> clientSettings(String user, String password) {
        return Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, LISTENER,
                SaslConfigs.SASL_MECHANISM, MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, scramJaas(user, password));
    }

    /** What kcat signs in with as one of the PLAIN users: librdkafka's property names, one {@code name=value} a line. */
    static String kcatConfig(String user, String password) {
        return "security.protocol=" + LISTENER + "\n"
                + "sasl.mechanisms=" + PLAIN + "\n"
                + "sasl.username=" + user + "\n"
                + "sasl.password=" + password + "\n";
    }

    /**
     * Formats the storage of the broker {@code brokerProperties} describe, in a new directory, with a
     * SCRAM credential for every user of {@code passwords}: {@code kafka-storage.sh format --add-scram}.
     * The embedded broker formats its storage again as it starts, but leaves formatted storage as it is.
     */
    static void formatStorage(Properties brokerProperties, String clusterId, Map<String, String> passwords) {
        try {
            brokerProperties.put("log.dir", Files.createTempDirectory("aegan-kafka-").toString());
            Path config = Files.createTempFile("aegan-kafka-", ".properties");
            try {
                try (Writer writer = Files.newBufferedWriter(config)) {
                    brokerProperties.store(writer, null);
                }
                List<String> arguments = new ArrayList<>(List.of("format", "--config", config.toString(),
                        "--cluster-id", clusterId));
                passwords.forEach((user, password) -> arguments.addAll(List.of("--add-scram",
                        MECHANISM + "=[name=" + user + ",password=" + password + "]")));
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                int status = StorageTool.execute(arguments.toArray(String[]::new), new PrintStream(output, true,
                        StandardCharsets.UTF_8));
                if (status != 0) {
                    throw new IllegalStateException("could not format the broker's storage (status " + status + "): "
                            + output.toString(StandardCharsets.UTF_8));
                }
            } finally {
                Files.delete(config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void requirePlainWord(String what, String value) {
        if (!PLAIN_WORD.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' has characters other than " + PLAIN_WORD);
        }
    }

    private static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }
}
