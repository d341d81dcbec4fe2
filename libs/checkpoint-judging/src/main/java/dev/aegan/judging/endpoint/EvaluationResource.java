package dev.aegan.judging.endpoint;

import dev.aegan.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import dev.aegan.contracts.Identifiers;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.judging.domain.SkippedCheckpoint;
import dev.aegan.judging.history.EvaluationHistory;
import dev.aegan.rest.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.apache.kafka.common.KafkaException;
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
            description = "As the evaluations topic holds them when asked; an empty list for a run with none yet; "
                    + "400 INVALID_RUN_ID for a runId that no run can have; 503 EVALUATIONS_UNAVAILABLE when the "
                    + "topic could not be read.")
    public List<EvaluationEvent> published(
            @Parameter(description = "Only this run's evaluations; every run's when absent") @QueryParam("runId") String runId) {
        String run = runId == null || runId.isBlank() ? null : Identifiers.require(Identifiers.Kind.RUN_ID, "runId", runId);
        try {
            return history.published(run);
        } catch (KafkaException e) {
            throw new ApiException(503, "EVALUATIONS_UNAVAILABLE", "the evaluations topic could not be read: "
                    + e.getMessage());
        }
    }

    @GET
    @Path("/skipped")
    @Operation(summary = "Checkpoints acknowledged without evaluations since this instance started, newest first")
    public List<SkippedCheckpoint> skipped() {
        return history.skipped();
    }
}
