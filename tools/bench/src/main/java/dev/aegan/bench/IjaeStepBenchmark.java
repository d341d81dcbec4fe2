package dev.aegan.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.LibUtils;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.ijae.IjaeFamily;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.models.training.PhaseLoop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One lambda-IJAE training step (D_psi, D_tau, D_zeta, generator and encoder updates) timed in this
 * project and in two PyTorch references of the same architecture ({@link TorchReference}) at the same
 * batch, width, thread count and device: "plain" (resample and convolve one after the other, as the
 * model tests' reference writes the networks) and "fused" (the Java networks' own formulation: strided
 * and phase convolutions instead of pooling and upsampling), checked first to compute the plain one's
 * losses and gradients. Rounds alternate between the three so that background load hits all alike; each
 * side reports the median of its rounds, and each round its own ratios. Then the achieved GFLOP/s of
 * each, against the GEMM peak measured here, and where the fused step spends its time, layer by layer.
 */
final class IjaeStepBenchmark {

    private IjaeStepBenchmark() {
    }

    static void run(BenchOptions options) throws Exception {
        options.requireOnly("threads", "channels", "batch", "shape", "warmup", "steps", "rounds", "python", "device");
        int threads = options.integer("threads", 1);
        int channels = options.integer("channels", 32);
        int batch = options.integer("batch", 64);
        String shapeText = options.text("shape", "3x32x32");
        ImageShape shape = parseShape(shapeText);
        int warmup = options.integer("warmup", 2);
        int steps = options.integer("steps", 3);
        int rounds = options.integer("rounds", 9);
        String python = options.text("python", "/usr/bin/python3");
        boolean gpu = switch (options.text("device", "cpu")) {
            case "cpu" -> false;
            case "gpu" -> true;
            default -> throw new IllegalArgumentException("--device must be cpu or gpu");
        };
        InProcessStep.useThreads(threads);
        Device device = startEngine(gpu);
        TorchReference torch = new TorchReference(python, gpu ? "cuda" : "cpu", threads, channels, batch, shapeText);

        JsonNode check = torch.run("check");
        System.out.printf("fused formulation check: the fused PyTorch networks give the plain reference's five losses "
                + "and their gradients within %.1e (relative, float64; worst %.1e)%n",
                check.get("tolerance").asDouble(), check.get("maxRelativeError").asDouble());
        System.out.printf("lambda-IJAE training step (5 updates), batch %d, %s images, channels %d, latent 128, "
                + "%d thread(s), %s; %d warm-up + %d timed steps per round, %d rounds%n",
                batch, shape, channels, threads, device, warmup, steps, rounds);
        List<Double> java = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        List<Double> fused = new ArrayList<>();
        List<Double> plainRatios = new ArrayList<>();
        List<Double> fusedRatios = new ArrayList<>();
        Path javaTrace = Path.of("tools/bench/target/ijae-step-java-trace.json");
        double profiledSeconds = 0;
        try (InProcessStep step = new InProcessStep(shape, channels, batch, device)) {
            System.out.printf("%-6s %12s %12s %12s %12s %12s%n", "round", "java s/step", "plain s/step",
                    "fused s/step", "java/plain", "java/fused");
            for (int round = 0; round < rounds; round++) {
                int roundWarmup = round == 0 ? warmup : 0;
                java.add(Statistics.median(step.seconds(roundWarmup, steps)));
                plain.add(torch.secondsPerStep("plain", warmup, steps));
                fused.add(torch.secondsPerStep("fused", warmup, steps));
                plainRatios.add(java.get(round) / plain.get(round));
                fusedRatios.add(java.get(round) / fused.get(round));
                System.out.printf("%-6d %12.4f %12.4f %12.4f %12.3f %12.3f%n", round + 1, java.get(round),
                        plain.get(round), fused.get(round), plainRatios.get(round), fusedRatios.get(round));
            }
            if (!gpu) {
                profiledSeconds = step.profiled(javaTrace);
            }
        }
        double javaMedian = Statistics.median(java);
        double plainMedian = Statistics.median(plain);
        double fusedMedian = Statistics.median(fused);
        System.out.printf("%-6s %12.4f %12.4f %12.4f %12.3f %12.3f%n", "median", javaMedian, plainMedian, fusedMedian,
                Statistics.median(plainRatios), Statistics.median(fusedRatios));
        System.out.printf("images/s: java %.1f, pytorch plain %.1f, pytorch fused %.1f%n", batch / javaMedian,
                batch / plainMedian, batch / fusedMedian);
        System.out.printf("this project: DJL %s on PyTorch %s; references: PyTorch %s (%s)%n", Engine.getDjlVersion(),
                Engine.getEngine("PyTorch").getVersion(), check.get("torch").asText(), python);
        System.out.printf("ratio java/pytorch-plain = %.3f of the medians (per round: %s)%n", javaMedian / plainMedian,
                range(plainRatios));
        System.out.printf("ratio java/pytorch-fused = %.3f of the medians (per round: %s; target <= 1.0 on CPU, "
                + ">= 1.0x speed on GPU: <= 1.0 here too)%n", javaMedian / fusedMedian, range(fusedRatios));
        System.out.printf("fused vs plain PyTorch: %.3f (fused/plain time; the fused reference must be no slower)%n",
                fusedMedian / plainMedian);
        printThroughput(torch, device, javaMedian, plainMedian, fusedMedian);
        if (!gpu) {
            compareOperators(torch, javaTrace, profiledSeconds);
        }
    }

    /**
     * Where the Java step's time goes beside the fused reference's: one step of each under libtorch's profiler,
     * self time per operator side by side, and the share of the Java step spent outside libtorch's operators
     * (DJL, JNI and this project's Java). On a GPU operators run asynchronously, so this is CPU only.
     */
    private static void compareOperators(TorchReference torch, Path javaTrace, double javaSeconds) throws Exception {
        JsonNode ops = torch.run("ops", "--java-trace", javaTrace.toString());
        double javaOps = ops.get("javaOpsSeconds").asDouble();
        double fusedOps = ops.get("fusedOpsSeconds").asDouble();
        double fusedSeconds = ops.get("fusedStepSeconds").asDouble();
        System.out.printf("profiled step: java %.3f s, of which libtorch operators %.3f s (%.1f%% outside them: DJL, "
                + "JNI, Java); pytorch fused %.3f s, operators %.3f s (%.1f%% outside: Python); the operators "
                + "alone, java/fused = %.3f (the Java trace: %s)%n", javaSeconds, javaOps,
                100 * (1 - javaOps / javaSeconds), fusedSeconds, fusedOps, 100 * (1 - fusedOps / fusedSeconds),
                javaOps / fusedOps, javaTrace);
    }

    /**
     * FLOPs per step counted from the layer shapes (the PyTorch side counts them, per update and network, and
     * prints the per-layer table), and each side's achieved rate against its GEMM peak.
     */
    private static void printThroughput(TorchReference torch, Device device, double javaSeconds, double plainSeconds,
            double fusedSeconds) throws Exception {
        double djlPeak = GemmPeak.gflops(device);
        JsonNode profile = torch.run("profile", "--machine-peak", String.valueOf(djlPeak));
        double fusedFlops = profile.get("flopsPerStep").get("fused").asDouble();
        double plainFlops = profile.get("flopsPerStep").get("plain").asDouble();
        double torchPeak = profile.get("peakGflops").asDouble();
        System.out.printf("FLOPs per step (conv2d and linear, forward + the backward autograd runs): %.2f GFLOP in the "
                + "fused formulation (Java's), %.2f GFLOP plain%n", fusedFlops / 1e9, plainFlops / 1e9);
        System.out.printf("GEMM peak, %dx%d float32 on this run's threads and device: DJL matMul %.1f GFLOP/s, "
                + "torch.mm %.1f GFLOP/s%n", GemmPeak.SIZE, GemmPeak.SIZE, djlPeak, torchPeak);
        double peak = Math.max(djlPeak, torchPeak);
        printRate("java", fusedFlops, javaSeconds, peak);
        printRate("pytorch fused", fusedFlops, fusedSeconds, peak);
        printRate("pytorch plain", plainFlops, plainSeconds, peak);
        System.out.printf("(%% of the higher peak, %.1f GFLOP/s; target >= 50%%; the per-layer table above shows "
                + "where the rest goes)%n", peak);
    }

    private static void printRate(String side, double flops, double seconds, double peak) {
        double rate = flops / seconds / 1e9;
        System.out.printf("achieved %-14s %8.1f GFLOP/s = %5.1f%% of peak%n", side + ":", rate, 100 * rate / peak);
    }

    /** Starts DJL's PyTorch engine and names the libtorch it loaded, or exits with one line saying why not. */
    private static Device startEngine(boolean gpu) {
        try {
            Engine engine = Engine.getEngine("PyTorch");
            System.out.printf("libtorch %s from %s; GPUs visible to it: %d%n", LibUtils.getVersion(),
                    LibUtils.getLibtorchPath(), engine.getGpuCount());
            if (gpu && engine.getGpuCount() == 0) {
                throw new EngineException("the libtorch it loaded sees no GPU (a CPU build, or no driver)");
            }
            return gpu ? Device.gpu() : Device.cpu();
        } catch (EngineException | UnsatisfiedLinkError e) {
            System.err.printf("DJL %s could not start libtorch (PYTORCH_LIBRARY_PATH=%s, PYTORCH_VERSION=%s, "
                    + "PYTORCH_FLAVOR=%s): %s. Its JNI needs libtorch 2.7.1 built with the C++11 ABI, flavour cpu "
                    + "or cu128 (CUDA 12.8)%n", Engine.getDjlVersion(), System.getenv("PYTORCH_LIBRARY_PATH"),
                    System.getenv("PYTORCH_VERSION"), System.getenv("PYTORCH_FLAVOR"), rootMessage(e));
            System.exit(1);
            throw new AssertionError(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage().lines().findFirst().orElse("");
    }

    private static String range(List<Double> ratios) {
        return String.format("median %.3f, range %.3f-%.3f", Statistics.median(ratios),
                ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    private static ImageShape parseShape(String text) {
        String[] parts = text.split("x");
        if (parts.length != 3) {
            throw new IllegalArgumentException("--shape must be CxHxW, e.g. 3x32x32 or 1x28x28; got '" + text + "'");
        }
        return new ImageShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }
}
