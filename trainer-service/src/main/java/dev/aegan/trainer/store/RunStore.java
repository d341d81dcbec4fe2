package dev.aegan.trainer.store;

import static dev.aegan.checkpoints.CheckpointLayout.CHECKPOINT_MANIFEST;
import static dev.aegan.checkpoints.CheckpointLayout.FINAL;
import static dev.aegan.checkpoints.CheckpointLayout.SPEC;
import static dev.aegan.checkpoints.CheckpointLayout.STOP_REQUESTED;
import static dev.aegan.checkpoints.CheckpointLayout.checkpointPrefix;

import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.DataSeen;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.StoredObject;
import dev.aegan.store.ArtifactStore;
import dev.aegan.trainer.training.TrainerSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's durable state in the checkpoint bucket: its spec, checkpoints, stop request and end, laid out as
 * {@code checkpoint-store}'s {@link dev.aegan.checkpoints.CheckpointLayout} says:
 * <pre>
 *   &lt;runId&gt;/spec.json                          the complete RunSpec, written when training starts
 *   &lt;runId&gt;/step-&lt;8-digit step&gt;/&lt;object&gt;        one object per checkpoint object (model snapshot, run state)
 *   &lt;runId&gt;/step-&lt;8-digit step&gt;/checkpoint.json  the CheckpointEvent, written last: "this checkpoint is complete"
 *   &lt;runId&gt;/stop-requested                     a stop was asked for (any replica may take the request)
 *   &lt;runId&gt;/final.json                         the terminal RunEvent: the run will not train again
 * </pre>
 * Every object is written with {@link ArtifactStore#putVerified}; a checkpoint without its
 * {@code checkpoint.json}, or whose objects no longer match it, is never resumed from.
 */
@ApplicationScoped
public class RunStore {
    private static final Pattern MANIFEST_KEY = Pattern.compile("[^/]+/step-(\\d+)/" + Pattern.quote(CHECKPOINT_MANIFEST));
    private static final String JSON = "application/json";
    private static final String BINARY = "application/octet-stream";

    private final ArtifactStore store;
    private final String bucket;

    RunStore(ArtifactStore store, TrainerSettings settings) {
        this.store = store;
        this.bucket = settings.checkpointBucket();
    }

    void createBucket(@Observes StartupEvent startup) {
        store.ensureBucket(bucket);
    }

    public String bucket() {
        return bucket;
    }

    public void writeSpec(RunSpec spec) {
        store.putVerified(bucket, spec.runId() + "/" + SPEC, EventJson.write(spec), JSON);
    }

    public Optional<RunSpec> spec(String runId) {
        return store.get(bucket, runId + "/" + SPEC).map(bytes -> EventJson.read(bytes, RunSpec.class));
    }

    /**
     * Writes and verifies every object, then the manifest naming them with size and SHA-256 and
     * saying which data the checkpoint saw.
     *
     * @return the manifest, which is also the event to publish on the checkpoints topic
     */
    public CheckpointEvent writeCheckpoint(RunSpec spec, long step, boolean last, Map<String, byte[]> objects,
                                           DataSeen dataSeen) {
        String prefix = checkpointPrefix(spec.runId(), step);
        List<StoredObject> stored = new ArrayList<>();
        for (Map.Entry<String, byte[]> object : new TreeMap<>(objects).entrySet()) {
            String contentType = object.getKey().endsWith(".json") ? JSON : BINARY;
            stored.add(store.putVerified(bucket, prefix + object.getKey(), object.getValue(), contentType));
        }
        CheckpointEvent manifest = new CheckpointEvent(CheckpointEvent.SCHEMA, spec.runId(), step, last, spec, bucket,
                List.copyOf(stored), Instant.now(), dataSeen);
        store.putVerified(bucket, prefix + CHECKPOINT_MANIFEST, EventJson.write(manifest), JSON);
        return manifest;
    }

    /**
     * The run's newest complete checkpoint whose objects still match their manifest, with those
     * objects by name (the key without the checkpoint prefix). Older checkpoints are tried when a
     * newer one is damaged.
     */
    public Optional<StoredCheckpoint> latestCheckpoint(String runId) {
        List<Long> steps = new ArrayList<>();
        for (String key : store.list(bucket, runId + "/step-")) {
            Matcher m = MANIFEST_KEY.matcher(key);
            if (m.matches()) {
                steps.add(Long.parseLong(m.group(1)));
            }
        }
        steps.sort(Comparator.reverseOrder());
        for (long step : steps) {
            String prefix = checkpointPrefix(runId, step);
            try {
                CheckpointEvent manifest = EventJson.read(
                        store.get(bucket, prefix + CHECKPOINT_MANIFEST).orElseThrow(), CheckpointEvent.class);
                Map<String, byte[]> objects = new LinkedHashMap<>();
                for (StoredObject object : manifest.objects()) {
                    if (!object.key().startsWith(prefix)) {
                        throw new IllegalStateException("manifest names " + object.key() + " outside " + prefix);
                    }
                    objects.put(object.key().substring(prefix.length()), store.getVerified(bucket, object));
                }
                return Optional.of(new StoredCheckpoint(manifest, objects));
            } catch (RuntimeException e) {
                Log.warnf("checkpoint %s%s is unusable, trying an older one: %s", prefix, CHECKPOINT_MANIFEST,
                        e.getMessage());
            }
        }
        return Optional.empty();
    }

    public void writeFinal(RunEvent terminal) {
        store.putVerified(bucket, terminal.runId() + "/" + FINAL, EventJson.write(terminal), JSON);
    }

    public Optional<RunEvent> finalEvent(String runId) {
        return store.get(bucket, runId + "/" + FINAL).map(bytes -> EventJson.read(bytes, RunEvent.class));
    }

    public void requestStop(String runId, String reason) {
        byte[] body = EventJson.write(Map.of("runId", runId, "reason", reason, "at", Instant.now().toString()));
        store.putVerified(bucket, runId + "/" + STOP_REQUESTED, body, JSON);
    }

    public boolean stopRequested(String runId) {
        return store.exists(bucket, runId + "/" + STOP_REQUESTED);
    }

    /** A complete checkpoint read back: its manifest and its verified objects by name. */
    public record StoredCheckpoint(CheckpointEvent manifest, Map<String, byte[]> objects) {
    }
}
