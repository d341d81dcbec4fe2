package dev.aegan.models.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.LibUtils;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.models.training.PhaseLoop;
import java.util.Map;

/**
 * Proves that an image's libtorch works: prints which libtorch DJL loaded and the device it
 * trains on, then runs training steps of one model family on random images.
 *
 * <pre>
 * java -cp 'lib/*' dev.aegan.models.runtime.EngineCheck [family] [steps] [device: auto|cpu|gpu]
 * </pre>
 * Exits non-zero when the engine cannot load, the device is missing or a loss is not finite.
 */
public final class EngineCheck {
    private static final ImageShape SHAPE = new ImageShape(1, 28, 28);
    private static final int BATCH = 16;

    private EngineCheck() {
    }

    public static void main(String[] args) {
        String family = args.length > 0 ? args[0] : "vae";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        String deviceName = args.length > 2 ? args[2] : "auto";

        Engine engine = Engine.getEngine("PyTorch");
        System.out.println("engine: " + engine.getEngineName() + " " + engine.getVersion()
                + ", libtorch " + LibUtils.getVersion() + " from " + LibUtils.getLibtorchPath()
                + ", GPUs visible: " + engine.getGpuCount());
        Device device = switch (deviceName) {
            case "auto" -> engine.defaultDevice();
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (engine.getGpuCount() == 0) {
                    throw new IllegalStateException("no GPU visible to libtorch (check the driver, "
                            + "the container's GPU reservation and that the libtorch flavour is CUDA)");
                }
                yield Device.gpu();
            }
            default -> throw new IllegalArgumentException("device must be auto, cpu or gpu, got " + deviceName);
        };
        try (GenerativeModel model = ModelRegistry.family(family).create(SHAPE, Map.of(), device);
             PhaseLoop loop = new PhaseLoop(model, 1);
             NDManager manager = NDManager.newBaseManager(device)) {
            for (int step = 1; step <= steps; step++) {
                long start = System.nanoTime();
                NDArray batch = manager.randomUniform(-1f, 1f, SHAPE.batchShape(BATCH));
                Map<String, Float> losses = loop.step(batch);
                batch.close();
                System.out.printf("%s step %d on %s: %.0f ms, %s%n", family, step, device,
                        (System.nanoTime() - start) / 1e6, losses);
            }
        }
    }
}
