package dev.aegan.trainer.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The device runs train on: {@code aegan.trainer.device}, or with {@code auto} what the PyTorch
 * engine picks (the first GPU when it sees one, else the CPU). Resolved at startup so the log,
 * health check and GET /runs say where training happens before the first run.
 */
@ApplicationScoped
public class TrainingDevice {
    private final String configured;
    private volatile Device device;
    private volatile String description;

    TrainingDevice(TrainerSettings settings) {
        this.configured = settings.device();
    }

    void resolveAtStartup(@Observes StartupEvent startup) {
        get();
    }

    public synchronized Device get() {
        if (device == null) {
            Engine engine = Engine.getEngine("PyTorch");
            device = "auto".equalsIgnoreCase(configured) ? engine.defaultDevice() : Device.fromName(configured);
            description = device + " (PyTorch " + engine.getVersion() + ", " + engine.getGpuCount() + " GPU(s) visible)";
            Log.infof("training device: %s", description);
        }
        return device;
    }

    /** e.g. {@code gpu(0) (PyTorch 2.7.1, 1 GPU(s) visible)}. */
    public String description() {
        get();
        return description;
    }
}
