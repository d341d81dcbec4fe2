package dev.aegan.checkpoints;

/**
 * Object keys of a run in the checkpoints bucket: {@code <runId>/spec.json},
 * {@code <runId>/step-<8 digits>/<snapshot object>} and that step's {@code checkpoint.json} written
 * last, {@code <runId>/final.json}, {@code <runId>/stop-requested}.
 */
public final class CheckpointLayout {
    public static final String SPEC = "spec.json";
    public static final String CHECKPOINT_MANIFEST = "checkpoint.json";
    public static final String FINAL = "final.json";
    public static final String STOP_REQUESTED = "stop-requested";

    private CheckpointLayout() {
    }

    public static String checkpointPrefix(String runId, long step) {
        return String.format("%s/step-%08d/", runId, step);
    }
}
