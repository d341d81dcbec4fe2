package dev.aegan.infra;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One API token per role for a local stack or a test JVM, drawn afresh at each start: the value of
 * {@code aegan.auth.tokens} that every local service gets, and the secrets its callers send.
 */
public record LocalApiTokens(String reader, String trainer, String admin) {
    public static final String CONFIG_KEY = "aegan.auth.tokens";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static LocalApiTokens generate() {
        return new LocalApiTokens(secret(), secret(), secret());
    }

    /** Reads back what {@link #config()} wrote. */
    public static LocalApiTokens fromConfig(String config) {
        Map<String, String> byRole = new LinkedHashMap<>();
        for (String entry : config.split(",")) {
            String[] parts = entry.split(":", 3);
            byRole.put(parts[1], parts[2]);
        }
        return new LocalApiTokens(byRole.get("reader"), byRole.get("trainer"), byRole.get("admin"));
    }

    /** {@code name:role:secret} entries, as {@code aegan.auth.tokens} takes them. */
    public String config() {
        return Map.of("reader", reader, "trainer", trainer, "admin", admin).entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> "local-" + e.getKey() + ":" + e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
