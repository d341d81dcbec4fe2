package dev.aegan.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** An endpoint someone forgot to give a role. */
@Path("/undeclared")
public class UndeclaredResource {
    @GET
    public String read() {
        return "nobody should see this";
    }
}
