package dev.aegan.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.ijae.IjaeFamily;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.models.training.PhaseLoop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A fresh lambda-IJAE model (seed 1) and one fixed batch of uniform noise, trained step by step in this JVM. */
final class InProcessStep implements AutoCloseable {
    private final GenerativeModel model;
    private final PhaseLoop loop;
    private final NDManager manager;
    private final NDArray x;

    InProcessStep(ImageShape shape, int channels, int batch, Device device) {
        model = ModelRegistry.family(IjaeFamily.IMPLICIT).create(shape, Map.of("channels", channels), device);
        model.initialize(1);
        loop = new PhaseLoop(model, 1);
        manager = NDManager.newBaseManager(device);
        x = RandomStream.of(7).uniform(manager, shape.batchShape(batch), -1, 1);
    }

    /**
     * The thread counts of this JVM's libtorch (and, passed on as system properties, of the services
     * a benchmark starts); libtorch reads them once, when DJL's engine starts.
     */
    static void useThreads(int threads) {
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /** Seconds of each of {@code steps} steps, after {@code warmup} untimed ones. */
    List<Double> seconds(int warmup, int steps) {
        for (int i = 0; i < warmup; i++) {
            loop.step(x);
        }
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            long start = System.nanoTime();
            loop.step(x);
            try (NDArray done = x.sum()) {
                // read back after the step's last (asynchronous on CUDA) optimizer update, on the same stream
                done.getFloat();
            }
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        return seconds;
    }

    /**
     * Seconds of one step run under libtorch's profiler, whose operator events go to {@code trace} (Chrome
     * trace JSON).
     */
    double profiled(Path trace) {
        JniUtils.startProfile(false, false, false);
        try {
            return seconds(0, 1).get(0);
        } finally {
            JniUtils.stopProfile(trace.toString());
        }
    }

    @Override
    public void close() {
        try (model; loop; manager; x) {
            // closed in reverse order: the batch, its manager, the loop, the model
        }
    }
}
