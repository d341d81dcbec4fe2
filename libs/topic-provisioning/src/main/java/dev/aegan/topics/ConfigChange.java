package dev.aegan.topics;

/**
 * A topic config that differs from its definition: set to {@code wanted} in create mode,
 * reported in verify mode. {@code actual} is null when the broker reports no value.
 */
public record ConfigChange(String topic, String key, String actual, String wanted) {
    @Override
    public String toString() {
        return "topic " + topic + ": " + key + " is " + actual + ", defined as " + wanted;
    }
}
