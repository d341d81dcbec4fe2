package dev.aegan.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/echo")
public class EchoResource {
    @GET
    public String get(@QueryParam("q") String q) {
        return q == null ? "" : q;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public String post(String body) {
        return body;
    }
}
