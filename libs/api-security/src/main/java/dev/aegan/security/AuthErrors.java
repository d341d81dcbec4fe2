package dev.aegan.security;

import dev.aegan.contracts.ErrorBody;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.TreeSet;

/** 401 and 403 as JSON with stable codes, saying which role the endpoint needs. */
public class AuthErrors {
    public static final String AUTHENTICATION_REQUIRED = "AUTHENTICATION_REQUIRED";
    public static final String INVALID_TOKEN = "INVALID_TOKEN";
    public static final String ROLE_REQUIRED = "ROLE_REQUIRED";

    @Inject
    SecurityIdentity identity;

    @ServerExceptionMapper
    public Response missingToken(UnauthorizedException e, ResourceInfo resource) {
        return challenge(AUTHENTICATION_REQUIRED, "this endpoint needs a token with role "
                + requiredRoles(resource) + ": send 'Authorization: Bearer <token>'");
    }

    @ServerExceptionMapper
    public Response badToken(AuthenticationFailedException e) {
        return challenge(INVALID_TOKEN, e.getMessage() == null ? "the bearer token was not accepted"
                : e.getMessage());
    }

    @ServerExceptionMapper
    public Response missingRole(ForbiddenException e, ResourceInfo resource) {
        return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(ROLE_REQUIRED,
                "this endpoint needs role " + requiredRoles(resource) + "; the token '"
                        + identity.getPrincipal().getName() + "' has " + new TreeSet<>(identity.getRoles())
                        + (e.getMessage() == null || e.getMessage().isBlank() ? "" : " (" + e.getMessage() + ")")))
                .build();
    }

    private static Response challenge(String code, String message) {
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, BearerTokenMechanism.SCHEME)
                .type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, message)).build();
    }

    private static String requiredRoles(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return "(unknown)";
        }
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        }
        return allowed == null ? "(none declared)" : String.join(" or ", Arrays.asList(allowed.value()));
    }
}
