package dev.aegan.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** One {@link ArtifactStore} per service: the MinIO client is costly to build (it reads CA certificates). */
@ApplicationScoped
public class ArtifactStoreProducer {

    @Produces
    @Singleton
    ArtifactStore artifactStore(S3Settings settings) {
        return new ArtifactStore(settings);
    }

    void close(@Disposes ArtifactStore store) throws Exception {
        store.close();
    }
}
