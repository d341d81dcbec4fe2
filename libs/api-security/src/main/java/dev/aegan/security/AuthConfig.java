package dev.aegan.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** Who may call a service's REST API ({@code aegan.auth.*}). */
@ConfigMapping(prefix = "aegan.auth")
public interface AuthConfig {
    /** Off means every caller is an admin: for a closed lab network only; a warning is logged at start. */
    @WithDefault("true")
    boolean enabled();

    /** {@code name:role:secret} entries, comma or new-line separated (roles reader, trainer, admin). */
    Optional<String> tokens();

    /** Whether GET endpoints need a token ({@code token}) or answer anyone ({@code open}). */
    @WithDefault("open")
    ReadAccess readAccess();

    /**
     * Origins (scheme://host[:port]) besides the service's own from which a browser may send
     * state-changing requests, e.g. a gallery served under another host name.
     */
    Optional<List<String>> allowedOrigins();

    enum ReadAccess {
        open, token
    }
}
