package dev.aegan.trainer.endpoint;

import dev.aegan.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import dev.aegan.contracts.Identifiers;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.rest.ApiException;
import dev.aegan.trainer.domain.RejectedSpecException;
import dev.aegan.trainer.domain.RunIds;
import dev.aegan.trainer.domain.RunView;
import dev.aegan.trainer.domain.SpecRejection;
import dev.aegan.trainer.runs.ActiveRuns;
import dev.aegan.trainer.runs.RunBoard;
import dev.aegan.trainer.runs.RunHandle;
import dev.aegan.trainer.runs.RunQueue;
import dev.aegan.trainer.runs.RunSpecValidator;
import dev.aegan.trainer.store.RunStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Training runs: request one, list them, look at one, stop one. A request is checked here and
 * then queued on runs.requests, where any replica may pick it up.
 */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs")
@RolesAllowed(Roles.READER)
public class RunResource {
    @Inject
    RunSpecValidator validator;
    @Inject
    RunQueue queue;
    @Inject
    RunBoard board;
    @Inject
    ActiveRuns active;
    @Inject
    RunStore store;

    @POST
    @RolesAllowed(Roles.TRAINER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a training run",
            description = "Body: a RunSpec (model, dataset, hyperparameters, seed, steps, batchSize, checkpointEvery, "
                    + "optional runId and group). Answers 202 with the complete spec (defaults filled in) once it is "
                    + "queued on runs.requests as the first request for its run id; 400 with code INVALID_JSON, "
                    + "INVALID_SPEC, UNKNOWN_MODEL, INVALID_HYPERPARAMETER, UNSUPPORTED_IMAGE_SHAPE or "
                    + "DATASET_NOT_FOUND; 409 RUN_EXISTS when the id was requested before, or by a concurrent request "
                    + "that reached runs.requests first (exactly one request per id gets 202); 415 "
                    + "UNSUPPORTED_MEDIA_TYPE without Content-Type: application/json; 503 QUEUE_UNAVAILABLE or "
                    + "QUEUE_UNCONFIRMED when the broker could not be reached or read back in time.")
    public Response request(String body, @Context UriInfo uri) {
        RunSpec spec;
        try {
            spec = validator.validate(body, null, RunIds::newId).spec();
        } catch (RejectedSpecException e) {
            throw ApiException.badRequest(e.code().name(), e.getMessage());
        }
        if (!queue.queue(spec)) {
            throw ApiException.conflict(SpecRejection.RUN_EXISTS.name(), "run id '" + spec.runId()
                    + "' is taken; leave runId out to get a fresh one, or choose another");
        }
        return Response.accepted(spec).location(uri.getAbsolutePathBuilder().path(spec.runId()).build()).build();
    }

    @GET
    @Operation(summary = "Every run known from runs.events, most recently updated first")
    public List<RunView> list() {
        return board.all();
    }

    @GET
    @Path("{runId}")
    @Operation(summary = "One run's state; live progress (step, images/s, device) when this replica trains it")
    public RunView get(@PathParam("runId") String runId) {
        Identifiers.require(Identifiers.Kind.RUN_ID, "runId", runId);
        return board.get(runId).orElseThrow(() -> notFound(runId));
    }

    @POST
    @RolesAllowed(Roles.TRAINER)
    @Path("{runId}/stop")
    @Operation(summary = "Stop a run",
            description = "The run checkpoints and ends 'stopped' within a few seconds, whichever replica trains it. "
                    + "400 INVALID_RUN_ID; 404 RUN_NOT_FOUND; 409 RUN_ALREADY_ENDED.")
    public Response stop(@PathParam("runId") String runId) {
        Identifiers.require(Identifiers.Kind.RUN_ID, "runId", runId);
        RunView view = board.get(runId).orElse(null);
        if (view == null && !queue.taken(runId)) {
            throw notFound(runId);
        }
        if (view != null && view.state().terminal()) {
            throw ApiException.conflict("RUN_ALREADY_ENDED", "run '" + runId + "' already ended " + view.state()
                    + " at step " + view.step());
        }
        store.requestStop(runId, "stop requested via REST");
        active.get(runId).ifPresent(run -> run.interrupt(RunHandle.Interruption.STOP));
        return Response.accepted(board.get(runId).orElse(view)).build();
    }

    private static ApiException notFound(String runId) {
        return ApiException.notFound("RUN_NOT_FOUND", "no run '" + runId + "' is known; GET /runs lists them");
    }
}
