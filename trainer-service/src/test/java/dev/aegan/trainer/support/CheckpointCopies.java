package dev.aegan.trainer.support;

import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.StoredObject;
import dev.aegan.store.ArtifactStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The state a replica killed right after a checkpoint leaves in S3, built from another run's checkpoint. */
public final class CheckpointCopies {
    private CheckpointCopies() {
    }

    /**
     * Writes {@code spec} and a copy of {@code source} (objects, then manifest) as {@code spec}'s run's checkpoint.
     *
     * @return the copy's manifest
     */
    public static CheckpointEvent copyAs(ArtifactStore store, String bucket, CheckpointEvent source, RunSpec spec) {
        store.putVerified(bucket, spec.runId() + "/spec.json", EventJson.write(spec), "application/json");
        String from = String.format("%s/step-%08d/", source.runId(), source.step());
        String to = String.format("%s/step-%08d/", spec.runId(), source.step());
        List<StoredObject> copied = new ArrayList<>();
        for (StoredObject object : source.objects()) {
            byte[] content = store.getVerified(bucket, object);
            copied.add(store.putVerified(bucket, to + object.key().substring(from.length()), content,
                    "application/octet-stream"));
        }
        CheckpointEvent manifest = new CheckpointEvent(CheckpointEvent.SCHEMA, spec.runId(), source.step(), false, spec,
                bucket, copied, Instant.now(), source.dataSeen());
        store.putVerified(bucket, to + "checkpoint.json", EventJson.write(manifest), "application/json");
        return manifest;
    }

    /** SHA-256 of the checkpoint's parameters and optimizer state, by object name. */
    public static Map<String, String> checksumsByName(CheckpointEvent checkpoint) {
        String prefix = String.format("%s/step-%08d/", checkpoint.runId(), checkpoint.step());
        return checkpoint.objects().stream()
                .filter(o -> o.key().contains("/networks/") || o.key().endsWith("/optimizer.bin"))
                .collect(Collectors.toMap(o -> o.key().substring(prefix.length()), StoredObject::sha256));
    }
}
