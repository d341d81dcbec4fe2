package dev.aegan.critic.store;

import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.StoredObject;
import dev.aegan.critic.CriticConfig;
import dev.aegan.store.ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/**
 * Each run's critic between checkpoints, in S3: {@code <run>/critic/network.params},
 * {@code <run>/critic/optimizer.bin}, then {@code <run>/critic/state.json}, which names both with
 * their SHA-256 and is written last, so a critic is either whole or the previous one.
 */
@ApplicationScoped
public class CriticStore {
    private final ArtifactStore store;
    private final String bucket;

    CriticStore(ArtifactStore store, CriticConfig config) {
        this.store = store;
        this.bucket = config.bucket();
        store.ensureBucket(bucket);
    }

    /** What state.json records about a run's critic. */
    public record CriticState(String runId, long lastStep, long updates, int channels, StoredObject network,
                              StoredObject optimizer, Instant savedAt) {
    }

    /** A saved critic: its state and the bytes of its parameters and optimizer, checked against the state. */
    public record SavedCritic(CriticState state, byte[] network, byte[] optimizer) {
    }

    public Optional<CriticState> state(String runId) {
        return store.get(bucket, stateKey(runId)).map(json -> EventJson.read(json, CriticState.class));
    }

    public Optional<SavedCritic> load(String runId) {
        return state(runId).map(state -> new SavedCritic(state, store.getVerified(bucket, state.network()),
                store.getVerified(bucket, state.optimizer())));
    }

    public CriticState save(String runId, long step, long updates, int channels, byte[] network, byte[] optimizer) {
        String prefix = runId + "/critic/";
        StoredObject networkObject = store.putVerified(bucket, prefix + "network.params", network,
                "application/octet-stream");
        StoredObject optimizerObject = store.putVerified(bucket, prefix + "optimizer.bin", optimizer,
                "application/octet-stream");
        CriticState state = new CriticState(runId, step, updates, channels, networkObject, optimizerObject, Instant.now());
        store.putVerified(bucket, stateKey(runId), EventJson.write(state), "application/json");
        return state;
    }

    private static String stateKey(String runId) {
        return runId + "/critic/state.json";
    }
}
