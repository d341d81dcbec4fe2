package dev.aegan.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

/** An API shaped like the services': reads, a trainer's write, an admin's write, and one endpoint that declares nothing. */
@Path("/guarded")
@RolesAllowed(Roles.READER)
public class GuardedResource {
    @Inject
    SecurityIdentity caller;

    @GET
    public String read() {
        return "read by " + (caller.isAnonymous() ? "anonymous" : caller.getPrincipal().getName());
    }

    @POST
    @RolesAllowed(Roles.TRAINER)
    @Consumes(MediaType.WILDCARD)
    public String train() {
        return "trained by " + caller.getPrincipal().getName();
    }

    @POST
    @Path("admin")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    public String administer() {
        return "administered by " + caller.getPrincipal().getName();
    }
}
