package dev.aegan.infra;

import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.PlatformAccess;
import dev.aegan.contracts.kafka.PrincipalAccess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For a {@code @QuarkusTest} of one service running as its own Kafka principal, in a test profile
 * ({@code new TestResourceEntry(PlatformAccessTestResource.class, Map.of("principal", "ingest-service"))}):
 * a broker of its own that requires SCRAM and allows each principal only what {@link PlatformAccess}
 * grants ({@link EmbeddedKafka#startWithPlatformAccess}), with no topics until the service creates
 * them, and the service configured as a deployment would be, with {@code kafka.security.protocol},
 * {@code kafka.sasl.mechanism} and {@code kafka.sasl.jaas.config}. A test acts as any principal
 * ({@link #clientSettings}) or as the super user ({@link #superUserSettings}). REST calls go out with
 * a trainer's API token, as with {@link LocalInfraTestResource}.
 */
public class PlatformAccessTestResource implements QuarkusTestResourceLifecycleManager {
    /** The init argument naming the principal the service runs as. */
    public static final String PRINCIPAL = "principal";
    private static final String CLIENT_PREFIX = "aegan.test.kafka-client.";

    private String principal;
    private EmbeddedKafka kafka;

    @Override
    public void init(Map<String, String> initArgs) {
        String name = initArgs.get(PRINCIPAL);
        if (name == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs the init argument '" + PRINCIPAL + "'");
        }
        principal = PlatformAccess.of(name).principal();
    }

    @Override
    public Map<String, String> start() {
        kafka = EmbeddedKafka.startWithPlatformAccess(0);
        Map<String, String> config = new HashMap<>();
        kafka.clientSettings(principal).forClient(Map.of())
                .forEach((property, value) -> config.put("kafka." + property, String.valueOf(value)));
        List<String> users = new ArrayList<>(PlatformAccess.ALL.stream().map(PrincipalAccess::principal).toList());
        users.add(ScramListener.SUPER_USER);
        for (String user : users) {
            kafka.clientSettings(user).forClient(Map.of())
                    .forEach((property, value) -> config.put(CLIENT_PREFIX + user + "." + property, String.valueOf(value)));
        }
        LocalApiTokens tokens = LocalApiTokens.generate();
        config.put(LocalApiTokens.CONFIG_KEY, tokens.config());
        LocalInfraTestResource.callAsTrainer(tokens);
        config.put("quarkus.log.category.\"kafka\".level", "WARN");
        config.put("quarkus.log.category.\"org.apache.kafka\".level", "WARN");
        return config;
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** The client settings of the super user, who may do anything, in the running test. */
    public static KafkaClientSettings superUserSettings() {
        return clientSettings(ScramListener.SUPER_USER);
    }

    /** The client settings of platform principal {@code user} in the running test. */
    public static KafkaClientSettings clientSettings(String user) {
        String prefix = CLIENT_PREFIX + user + ".";
        Config config = ConfigProvider.getConfig();
        Map<String, String> settings = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix)) {
                settings.put(name.substring(prefix.length()), config.getValue(name, String.class));
            }
        }
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("no Kafka user '" + user + "' in this test's configuration");
        }
        return KafkaClientSettings.of(settings);
    }
}
