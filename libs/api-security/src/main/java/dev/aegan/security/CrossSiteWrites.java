package dev.aegan.security;

import dev.aegan.rest.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses state-changing requests that a browser sends on behalf of another site: a form on a
 * foreign page can POST here without any token check of its own, and a token only helps when
 * authentication is on. A request whose {@code Origin} is neither this service's own nor one of
 * {@code aegan.auth.allowed-origins}, or that the browser marks {@code Sec-Fetch-Site: cross-site},
 * gets 403 {@code CROSS_SITE_REQUEST}. Clients that are not browsers send neither header.
 */
public class CrossSiteWrites {
    public static final String CODE = "CROSS_SITE_REQUEST";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    AuthConfig config;

    @ServerRequestFilter(preMatching = true)
    public void refuseForeignOrigin(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null) {
            String own = request.getUriInfo().getBaseUri().getScheme() + "://" + request.getHeaderString("Host");
            if (!origin.equalsIgnoreCase(own) && !allowed(origin)) {
                throw refusal("Origin '" + origin + "' is not this service's (" + own
                        + ") nor one of aegan.auth.allowed-origins");
            }
        } else if ("cross-site".equals(request.getHeaderString("Sec-Fetch-Site"))) {
            throw refusal("the browser marked it Sec-Fetch-Site: cross-site");
        }
    }

    private boolean allowed(String origin) {
        List<String> allowed = config.allowedOrigins().orElse(List.of());
        String normalised = origin.toLowerCase(Locale.ROOT);
        return allowed.stream().anyMatch(a -> a.strip().toLowerCase(Locale.ROOT).equals(normalised));
    }

    private static ApiException refusal(String why) {
        return new ApiException(403, CODE, "a state-changing request from another site is refused: " + why);
    }
}
