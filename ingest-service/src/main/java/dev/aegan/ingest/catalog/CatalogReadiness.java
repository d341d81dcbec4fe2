package dev.aegan.ingest.catalog;

import dev.aegan.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the dataset catalog has been rebuilt from datasets.events. */
@Readiness
@ApplicationScoped
public class CatalogReadiness implements HealthCheck {
    @Inject
    DatasetCatalog catalog;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("dataset-catalog")
                .status(catalog.loaded())
                .withData("source", Topics.DATASET_EVENTS)
                .withData("datasets", catalog.all().size())
                .build();
    }
}
