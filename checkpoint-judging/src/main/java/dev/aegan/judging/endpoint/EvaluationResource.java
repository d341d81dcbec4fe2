package dev.aegan.judging.endpoint;

import dev.aegan.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import dev.aegan.contracts.Identifiers;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.judging.domain.SkippedCheckpoint;
import dev.aegan.judging.history.EvaluationHistory;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.List;

@Path("/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
public class EvaluationResource {
    private final EvaluationHistory history;

    EvaluationResource(EvaluationHistory history) {
        this.history = history;
    }

    @GET
    @Operation(summary = "Evaluations this service published, by run, step and metric",
            description = "Rebuilt from the evaluations topic on start; an empty list for a run with none yet; "
                    + "400 INVALID_RUN_ID for a runId that no run can have.")
    public List<EvaluationEvent> published(
            @Parameter(description = "Only this run's evaluations; every run's when absent") @QueryParam("runId") String runId) {
        if (runId == null || runId.isBlank()) {
            return history.published(null);
        }
        return history.published(Identifiers.require(Identifiers.Kind.RUN_ID, "runId", runId));
    }

    @GET
    @Path("/skipped")
    @Operation(summary = "Checkpoints acknowledged without evaluations since this instance started, newest first")
    public List<SkippedCheckpoint> skipped() {
        return history.skipped();
    }
}
