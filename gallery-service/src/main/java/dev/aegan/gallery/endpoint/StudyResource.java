package dev.aegan.gallery.endpoint;

import dev.aegan.gallery.domain.StudyDetail;
import dev.aegan.gallery.domain.StudySummary;
import dev.aegan.gallery.state.StudyBoard;
import dev.aegan.rest.ApiException;
import dev.aegan.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * The studies of {@code studies.events} and their reports as of now. Refusals are JSON with a stable
 * code: STUDY_NOT_FOUND, STUDY_NOT_REPORTED (a rejected study, or one whose file cannot be read, has no figure).
 */
@Path("/api/studies")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
public class StudyResource {
    @Inject
    StudyBoard studies;

    @GET
    @Operation(summary = "Every study by name: its state, runs finished of planned, whether its report is final, "
            + "the count of each verdict, and the bucket keys of its report and figure once written")
    public List<StudySummary> studies() {
        return studies.summaries();
    }

    @GET
    @Path("/{study}")
    @Operation(summary = "One study's progress and its report as of now (aegan.study-report/v1: the table beside "
            + "the paper's values and a verdict per claim)")
    public StudyDetail study(@PathParam("study") String study) {
        return studies.detail(study).orElseThrow(() -> notFound(study));
    }

    @GET
    @Path("/{study}/figure.png")
    @Produces("image/png")
    @Operation(summary = "The figure the study declares, drawn from its results as of now")
    public Response figure(@PathParam("study") String study) {
        if (!studies.known(study)) {
            throw notFound(study);
        }
        byte[] png = studies.figure(study).orElseThrow(() -> ApiException.notFound("STUDY_NOT_REPORTED",
                "study '" + study + "' has no report: it was rejected or its study file cannot be read "
                        + "(GET /api/studies/" + study + " says why)"));
        return Response.ok(png, "image/png").header("Cache-Control", "no-cache").build();
    }

    private static ApiException notFound(String study) {
        return ApiException.notFound("STUDY_NOT_FOUND",
                "no study '" + study + "' on the studies.events topic; GET /api/studies lists the studies seen");
    }
}
