package dev.aegan.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * A JSON endpoint refuses a request without a Content-Type: the server would otherwise match it
 * to {@code @Consumes(application/json)} and read whatever was sent as JSON, so a client that forgot
 * the header learns nothing about it. A wrong Content-Type is refused by the server's own matching.
 */
public class JsonBodies {
    public static final String CODE = "UNSUPPORTED_MEDIA_TYPE";

    @ServerRequestFilter
    public void requireContentType(ContainerRequestContext request, ResourceInfo resource) {
        if (request.getMediaType() == null && takesJson(resource.getResourceMethod())) {
            throw new ApiException(415, CODE, request.getMethod() + " " + request.getUriInfo().getPath()
                    + " takes a JSON body and the request has no Content-Type; send it with 'Content-Type: "
                    + MediaType.APPLICATION_JSON + "'");
        }
    }

    private static boolean takesJson(Method method) {
        if (method == null) {
            return false;
        }
        Consumes consumes = method.getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = method.getDeclaringClass().getAnnotation(Consumes.class);
        }
        return consumes != null && Arrays.stream(consumes.value())
                .flatMap(types -> Arrays.stream(types.split(",")))
                .map(String::strip)
                .allMatch(type -> MediaType.valueOf(type).isCompatible(MediaType.APPLICATION_JSON_TYPE)
                        && !MediaType.valueOf(type).isWildcardType());
    }
}
