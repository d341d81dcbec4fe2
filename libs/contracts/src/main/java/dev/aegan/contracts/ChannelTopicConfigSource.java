package dev.aegan.contracts;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers {@code mp.messaging.incoming|outgoing.<channel>.topic} for the platform's channels with
 * the topic {@link Channels#topicOf} gives, so the channels of every service take their topic names
 * from {@link Topics}. A service still configures each channel it uses (its connector, group,
 * serializers); a deployment may still set a channel's topic itself, as this source ranks below
 * {@code application.properties} and the environment.
 *
 * <p>It lists no property names: SmallRye takes every channel named in the configuration for one to
 * connect, and each service uses only some of the platform's channels.
 */
public final class ChannelTopicConfigSource implements ConfigSource {
    /** Below {@code application.properties} (250), environment (300) and system properties (400). */
    static final int ORDINAL = 50;
    private static final Pattern TOPIC_KEY = Pattern.compile("mp\\.messaging\\.(?:incoming|outgoing)\\.([^.]+)\\.topic");

    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        Matcher key = TOPIC_KEY.matcher(propertyName);
        return key.matches() ? Channels.topicOf(key.group(1)).orElse(null) : null;
    }

    @Override
    public String getName() {
        return "aegan channel topics (contracts Channels)";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
