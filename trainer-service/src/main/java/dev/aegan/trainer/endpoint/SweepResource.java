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
import dev.aegan.trainer.domain.SweepPlanner;
import dev.aegan.trainer.domain.SweepPlanner.PlannedRun;
import dev.aegan.trainer.domain.SweepPlanner.SweepPlan;
import dev.aegan.trainer.runs.RunBoard;
import dev.aegan.trainer.runs.RunQueue;
import dev.aegan.trainer.runs.RunSpecValidator;
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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sweeps: one request that fans out into a run per combination of hyperparameter values, all
 * carrying the sweep's id as their {@code group} (on runs.events, training.metrics, checkpoints
 * and evaluations), so the gallery and metric consumers can put them side by side.
 */
@Path("/sweeps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sweeps")
@RolesAllowed(Roles.READER)
public class SweepResource {
    @Inject
    RunSpecValidator validator;
    @Inject
    RunQueue queue;
    @Inject
    RunBoard board;

    @POST
    @RolesAllowed(Roles.TRAINER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a sweep: one run per value (or combination of values) of the varied hyperparameters",
            description = "Body: {\"group\": optional id, \"spec\": a RunSpec without runId and group, \"vary\": "
                    + "{\"lambda\": [0.1, 0.3, 0.5, 0.9]}}. Runs are <group>-1, <group>-2, ... Every run is validated "
                    + "before any is queued, so a bad value refuses the whole sweep: 400 INVALID_JSON, INVALID_SWEEP, or "
                    + "the run spec's codes (INVALID_HYPERPARAMETER, ...) with the offending values in the message; "
                    + "409 SWEEP_EXISTS (also to all but one of concurrent requests for one group: the one whose first "
                    + "run reaches runs.requests first is queued), 409 RUN_EXISTS when another request took one of its "
                    + "later run ids meanwhile (the sweep's other runs are queued). Answers 202 with the group and every "
                    + "complete spec.")
    public Response request(String body, @Context UriInfo uri) {
        SweepPlan plan;
        List<SweepRun> runs = new ArrayList<>();
        try {
            plan = SweepPlanner.plan(body, RunIds::newId);
            for (PlannedRun run : plan.runs()) {
                runs.add(new SweepRun(run.varied(), validate(run)));
            }
        } catch (RejectedSpecException e) {
            throw ApiException.badRequest(e.code().name(), e.getMessage());
        }
        if (!inGroup(plan.group()).isEmpty() || runs.stream().anyMatch(run -> queue.taken(run.spec().runId()))
                || !queue.queue(runs.get(0).spec())) {
            // The first run decides between concurrent requests for one group: only one queues anything.
            throw ApiException.conflict(SpecRejection.SWEEP_EXISTS.name(), "sweep '" + plan.group()
                    + "' already has runs (GET /sweeps/" + plan.group() + "); leave group out to get a fresh one");
        }
        List<String> taken = runs.stream().skip(1).map(SweepRun::spec)
                .filter(spec -> !queue.queue(spec)).map(RunSpec::runId).toList();
        if (!taken.isEmpty()) {
            throw ApiException.conflict(SpecRejection.RUN_EXISTS.name(), "sweep '" + plan.group() + "' is queued without "
                    + taken + ": other requests took those run ids meanwhile; its other runs train (GET /sweeps/"
                    + plan.group() + ")");
        }
        return Response.accepted(new SweepView(plan.group(), runs))
                .location(uri.getAbsolutePathBuilder().path(plan.group()).build()).build();
    }

    @GET
    @Path("{group}")
    @Operation(summary = "The runs of one sweep, in run order; 400 INVALID_GROUP; 404 SWEEP_NOT_FOUND")
    public List<RunView> get(@PathParam("group") String group) {
        Identifiers.require(Identifiers.Kind.GROUP, "group", group);
        List<RunView> runs = inGroup(group);
        if (runs.isEmpty()) {
            throw ApiException.notFound("SWEEP_NOT_FOUND", "no run of sweep '" + group + "' is known; GET /runs lists "
                    + "every run with its group");
        }
        return runs;
    }

    private RunSpec validate(PlannedRun run) {
        try {
            return validator.validate(run.requestJson(), null, model -> run.runId()).spec();
        } catch (RejectedSpecException e) {
            throw new RejectedSpecException(e.code(), "run " + run.runId() + " " + run.varied() + ": " + e.getMessage());
        }
    }

    private List<RunView> inGroup(String group) {
        return board.all().stream()
                .filter(view -> view.spec() != null && Objects.equals(group, view.spec().group()))
                .sorted(Comparator.comparing(RunView::runId, SweepResource::runOrder))
                .toList();
    }

    /** {@code g-2} before {@code g-10}. */
    private static int runOrder(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    /** One run of the sweep as queued: the values it varies and its complete spec. */
    public record SweepRun(Map<String, Object> varied, RunSpec spec) {
    }

    /** What POST /sweeps answers. */
    public record SweepView(String group, List<SweepRun> runs) {
    }
}
