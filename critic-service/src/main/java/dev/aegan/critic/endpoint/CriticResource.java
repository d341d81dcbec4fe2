package dev.aegan.critic.endpoint;

import dev.aegan.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import dev.aegan.contracts.Identifiers;
import dev.aegan.critic.store.CriticStore;
import dev.aegan.critic.store.CriticStore.CriticState;
import dev.aegan.rest.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Where each run's critic stands; its estimates are under {@code GET /evaluations?runId=}. */
@Path("/critics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
public class CriticResource {
    private final CriticStore critics;

    CriticResource(CriticStore critics) {
        this.critics = critics;
    }

    @GET
    @Path("{runId}")
    @Operation(summary = "A run's critic: the last checkpoint step it trained on, its update count, its stored objects",
            description = "400 INVALID_RUN_ID; 404 CRITIC_NOT_FOUND before the run's first checkpoint was judged.")
    public CriticState critic(@PathParam("runId") String runId) {
        Identifiers.require(Identifiers.Kind.RUN_ID, "runId", runId);
        return critics.state(runId).orElseThrow(() -> ApiException.notFound("CRITIC_NOT_FOUND",
                "no critic for run '" + runId + "' yet; one is trained when its first checkpoint is judged"));
    }
}
