package dev.aegan.trainer.endpoint;

import dev.aegan.contracts.events.StudyEvent.Rejection;
import dev.aegan.rest.ApiException;
import dev.aegan.security.Roles;
import dev.aegan.studies.plan.StudyPlanner;
import dev.aegan.studies.spec.Profile;
import dev.aegan.studies.spec.ShippedStudies;
import dev.aegan.studies.spec.Study;
import dev.aegan.trainer.studies.StudyLauncher;
import dev.aegan.trainer.studies.StudyLauncher.Launch;
import dev.aegan.trainer.studies.StudyRejectedException;
import dev.aegan.trainer.topics.TrainerEvents;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Studies: one request that queues every run of a study file (README, "Studies"). The request goes on
 * studies.requests, whose consumer queues the runs and reports on studies.events.
 */
@Path("/studies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "studies")
@RolesAllowed(Roles.READER)
public class StudyResource {
    @Inject
    StudyLauncher launcher;
    @Inject
    TrainerEvents events;

    @POST
    @RolesAllowed(Roles.TRAINER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a study: every run it plans under a profile",
            description = "Body: {\"study\": a shipped study's name or a whole study file, \"profile\": \"local\" "
                    + "(default) or \"paper\"}. Everything is checked first: 400 MALFORMED_REQUEST, UNKNOWN_STUDY, "
                    + "INVALID_STUDY (also when a planned run would be refused), UNKNOWN_PROFILE; 409 RUNS_EXIST when "
                    + "a planned run id is taken by another spec; 503 QUEUE_UNAVAILABLE. Answers 202 with the planned run ids once the request "
                    + "is on studies.requests (Location: the study's file, for a shipped study named in the request); "
                    + "studies.events says when its runs are queued. The same request again "
                    + "is accepted and queues nothing new.")
    public Response request(String body, @Context UriInfo uri) {
        Launch launch;
        try {
            launch = launcher.plan(StudyLauncher.withSchema(body));
        } catch (StudyRejectedException e) {
            throw e.toApi();
        }
        String name = launch.study().name();
        try {
            events.studyRequest(name, launch.request());
        } catch (RuntimeException e) {
            throw new ApiException(503, "QUEUE_UNAVAILABLE", "study " + name + " could not be put on studies.requests ("
                    + e.getMessage() + "); try again");
        }
        Response.ResponseBuilder accepted = Response.accepted(new StudyView(name, launch.profile(), launch.runIds()));
        if (launch.shipped()) {
            accepted.location(uri.getAbsolutePathBuilder().path(name).build());
        }
        return accepted.build();
    }

    @GET
    @Operation(summary = "The shipped studies, with each profile's seeds, steps and number of runs")
    public List<ShippedStudy> list() {
        return ShippedStudies.names().stream().map(name -> ShippedStudy.of(ShippedStudies.study(name).orElseThrow()))
                .toList();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "A shipped study's file; 404 UNKNOWN_STUDY")
    public Response get(@PathParam("name") String name) {
        String json = ShippedStudies.json(name).orElseThrow(() -> ApiException.notFound(Rejection.UNKNOWN_STUDY.name(),
                "no shipped study is named '" + name + "'; shipped: " + ShippedStudies.names()));
        return Response.ok(json, MediaType.APPLICATION_JSON).build();
    }

    /** What POST /studies answers. */
    public record StudyView(String study, String profile, List<String> runs) {
    }

    /** A shipped study in GET /studies. */
    public record ShippedStudy(String name, String title, String paper, String runner,
                               Map<String, ProfileSummary> profiles) {
        static ShippedStudy of(Study study) {
            Map<String, ProfileSummary> profiles = new LinkedHashMap<>();
            for (Profile profile : study.profiles().values()) {
                Integer steps = profile.settings().path("steps").isInt() ? profile.settings().get("steps").intValue() : null;
                profiles.put(profile.name(), new ProfileSummary(profile.seeds(), steps,
                        StudyPlanner.plan(study, profile.name()).size()));
            }
            return new ShippedStudy(study.name(), study.title(), study.paper(), study.runner().fileName(), profiles);
        }
    }

    /** A profile's budget: {@code steps} is absent for a study that runs in process. */
    public record ProfileSummary(List<Long> seeds, Integer steps, int runs) {
    }
}
