package dev.aegan.ingest.endpoint;

import dev.aegan.contracts.ErrorBody;
import dev.aegan.rest.ApiException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Map;

/**
 * Multipart bodies that cannot be read as files: a Content-Type without a boundary (the server
 * would find no parts and the upload look empty) and a body that does not parse with the
 * boundary it names (the server's parser gives up with an I/O error). Both are the client's to fix,
 * and answered 400 {@value #CODE}, saying which.
 */
final class MultipartBodies {
    static final String CODE = "MALFORMED_MULTIPART";
    private static final Logger LOG = Logger.getLogger(MultipartBodies.class);

    private MultipartBodies() {
    }

    static boolean isMultipart(MediaType type) {
        return type != null && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE);
    }

    /**
     * @throws ApiException 415 without a Content-Type (the server matched the request to the form
     *                      upload only for want of one), 400 {@value #CODE} without a boundary
     */
    static void requireBoundary(String contentType) {
        if (contentType == null) {
            throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "the upload has no Content-Type: send files as "
                    + "multipart/form-data (curl -F files=@...) or one file as the body with its own type "
                    + "(application/gzip, image/png, application/zip, application/octet-stream)");
        }
        String problem = boundaryProblem(contentType);
        if (problem != null) {
            throw ApiException.badRequest(CODE, problem);
        }
    }

    /** What is wrong with a multipart Content-Type's boundary, or null when it names one. */
    static String boundaryProblem(String contentType) {
        return boundary(MediaType.valueOf(contentType)) != null ? null : "Content-Type '" + contentType
                + "' names no boundary: a multipart/form-data body needs 'multipart/form-data; boundary=<the line "
                + "between its parts>', as curl -F and HTTP libraries send it";
    }

    static Response malformed(MediaType type, IOException error) {
        String boundary = boundary(type);
        String message = "the multipart/form-data body does not parse with the boundary '" + boundary
                + "' of its Content-Type: its parts must be separated by lines '--" + boundary
                + "' and the body must end with '--" + boundary + "--'; the boundary is wrong or the body is cut short ("
                + error.getMessage() + ")";
        LOG.infof("upload refused with %s: %s", CODE, message);
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(CODE, message)).build();
    }

    private static String boundary(MediaType type) {
        for (Map.Entry<String, String> parameter : type.getParameters().entrySet()) {
            if (parameter.getKey().equalsIgnoreCase("boundary") && !parameter.getValue().isBlank()) {
                return parameter.getValue();
            }
        }
        return null;
    }
}
