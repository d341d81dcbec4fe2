package dev.aegan.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;

/** The callers this service knows, read once from {@code aegan.auth.*}; a bad setting stops the start. */
@ApplicationScoped
public class ApiCallers {
    private static final Logger LOG = Logger.getLogger(ApiCallers.class);

    private final AuthConfig config;
    private final ApiTokens tokens;

    ApiCallers(AuthConfig config) {
        this.config = config;
        this.tokens = ApiTokens.parse(config.tokens().orElse(""));
    }

    void announce(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            LOG.warn("aegan.auth.enabled=false: every caller of this service's API is treated as an admin; "
                    + "use this only on a network nobody else can reach");
        } else if (tokens.isEmpty()) {
            LOG.warn("aegan.auth.tokens is empty: every request that needs a token is refused with 401; "
                    + "set AEGAN_AUTH_TOKENS=name:role:secret,...");
        } else {
            LOG.infof("API authentication on: %d token(s), reads %s", tokens.size(),
                    config.readAccess() == AuthConfig.ReadAccess.open ? "open to anyone" : "need a token");
        }
    }

    public boolean enabled() {
        return config.enabled();
    }

    public boolean openReads() {
        return config.readAccess() == AuthConfig.ReadAccess.open;
    }

    public Optional<ApiToken> identify(String secret) {
        return tokens.identify(secret);
    }
}
