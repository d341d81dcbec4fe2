package dev.aegan.metrics.endpoint;

import dev.aegan.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import dev.aegan.metrics.features.ExtractorInfo;
import dev.aegan.metrics.features.ExtractorRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

@Path("/extractors")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
public class ExtractorResource {
    private final ExtractorRegistry extractors;

    ExtractorResource(ExtractorRegistry extractors) {
        this.extractors = extractors;
    }

    @GET
    @Operation(summary = "The feature extractors metrics are computed with: each dataset's classifier and every"
            + " configured TorchScript network",
            description = "A classifier appears once its dataset's first checkpoint was judged, with its held-out"
                    + " accuracy, training budget and time of training (one training per dataset, kept in S3).")
    public List<ExtractorInfo> extractors() {
        return extractors.describe();
    }
}
