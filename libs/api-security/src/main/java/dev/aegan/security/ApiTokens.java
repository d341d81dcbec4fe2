package dev.aegan.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tokens a service accepts, parsed from {@code aegan.auth.tokens}: entries
 * {@code name:role:secret} separated by commas or new lines (a Kubernetes Secret or an
 * environment variable holds them). A malformed entry stops the service at start with a message
 * naming the entry by its position and name, never by its secret.
 */
public final class ApiTokens {
    private final List<ApiToken> tokens;

    private ApiTokens(List<ApiToken> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    public static ApiTokens parse(String entries) {
        List<ApiToken> tokens = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int position = 0;
        for (String entry : entries == null ? new String[0] : entries.split("[,\\n]")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            position++;
            String[] parts = trimmed.split(":", 3);
            if (parts.length != 3 || parts[0].isBlank()) {
                throw new IllegalArgumentException("aegan.auth.tokens entry " + position
                        + " is not name:role:secret");
            }
            String name = parts[0].strip();
            String role = parts[1].strip();
            String secret = parts[2].strip();
            if (!Roles.known(role)) {
                throw new IllegalArgumentException("aegan.auth.tokens entry " + position + " ('" + name
                        + "') has role '" + role + "'; roles are " + Roles.all());
            }
            if (secret.length() < ApiToken.MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("aegan.auth.tokens entry " + position + " ('" + name
                        + "') has a secret of " + secret.length() + " characters; use at least "
                        + ApiToken.MIN_SECRET_LENGTH + " (e.g. openssl rand -hex 24)");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("aegan.auth.tokens names '" + name + "' twice");
            }
            ApiToken token = new ApiToken(name, role, ApiToken.digest(secret));
            if (tokens.stream().anyMatch(other -> other.matches(token.secretDigest()))) {
                throw new IllegalArgumentException("aegan.auth.tokens entry " + position + " ('" + name
                        + "') reuses the secret of another entry");
            }
            tokens.add(token);
        }
        return new ApiTokens(tokens);
    }

    /** The token whose secret this is; every configured token is compared, so timing tells nothing. */
    public Optional<ApiToken> identify(String presentedSecret) {
        byte[] presented = ApiToken.digest(presentedSecret);
        ApiToken found = null;
        for (ApiToken token : tokens) {
            if (token.matches(presented)) {
                found = token;
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    public int size() {
        return tokens.size();
    }
}
