package dev.aegan.metrics.endpoint;

import dev.aegan.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import dev.aegan.contracts.Identifiers;
import dev.aegan.evaluation.metrics.NearestNeighbours;
import dev.aegan.metrics.store.MetricsStore;
import dev.aegan.rest.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/memorisation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
public class MemorisationResource {
    private final MetricsStore store;

    MemorisationResource(MetricsStore store) {
        this.store = store;
    }

    @GET
    @Path("{runId}/{step}")
    @Operation(summary = "The nearest training images of a checkpoint's first samples, in pixel space and in each"
            + " extractor's space", description = "400 INVALID_RUN_ID; 404 NEIGHBOURS_NOT_FOUND when the checkpoint was not judged (yet), "
            + "or its dataset has no training images.")
    public NearestNeighbours neighbours(@PathParam("runId") String runId, @PathParam("step") long step) {
        Identifiers.require(Identifiers.Kind.RUN_ID, "runId", runId);
        return store.neighbours(runId, step).orElseThrow(() -> ApiException.notFound("NEIGHBOURS_NOT_FOUND",
                "no nearest neighbours stored for checkpoint " + runId + "@" + step + "; they are stored when it is "
                        + "judged (every evaluate-every-th checkpoint and the last) and its dataset has training images"));
    }
}
