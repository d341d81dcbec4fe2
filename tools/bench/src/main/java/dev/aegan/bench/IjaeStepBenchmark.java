package dev.aegan.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.ijae.IjaeFamily;
import dev.aegan.models.training.PhaseLoop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One lambda-IJAE training step (D_psi, D_tau, D_zeta, generator and encoder updates) timed in
 * this project and in the PyTorch reference implementation of the same architecture
 * ({@code tools/bench/src/main/python/ijae_step_timing.py}, built on the networks of the model tests'
 * reference), at the same batch, width and thread count. Rounds alternate between the two so
 * that background load hits both alike; each side reports the median of its rounds, and each round
 * its own ratio (adjacent in time, so slow drifts of the machine cancel).
 */
final class IjaeStepBenchmark {
    private static final Path REFERENCE = Path.of("tools/bench/src/main/python/ijae_step_timing.py");

    private IjaeStepBenchmark() {
    }

    static void run(BenchOptions options) throws Exception {
        options.requireOnly("threads", "channels", "batch", "shape", "warmup", "steps", "rounds", "python");
        int threads = options.integer("threads", 1);
        int channels = options.integer("channels", 32);
        int batch = options.integer("batch", 64);
        ImageShape shape = parseShape(options.text("shape", "3x32x32"));
        int warmup = options.integer("warmup", 2);
        int steps = options.integer("steps", 3);
        int rounds = options.integer("rounds", 9);
        String python = options.text("python", "/usr/bin/python3");
        if (!Files.isRegularFile(REFERENCE)) {
            throw new IllegalStateException("run ./run-bench from the repository root (" + REFERENCE + " not found)");
        }
        useThreads(threads);

        System.out.printf("lambda-IJAE training step (5 updates), batch %d, %s images, channels %d, latent 128, "
                + "%d thread(s); %d warm-up + %d timed steps per round, %d rounds%n",
                batch, shape, channels, threads, warmup, steps, rounds);
        List<Double> java = new ArrayList<>();
        List<Double> reference = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        String torchVersion = "?";
        try (InProcessStep step = new InProcessStep(shape, channels, batch)) {
            System.out.printf("%-6s %16s %16s %8s%n", "round", "java s/step", "pytorch s/step", "ratio");
            for (int round = 1; round <= rounds; round++) {
                java.add(median(Arrays.stream(step.seconds(round == 1 ? warmup : 0, steps)).boxed().toList()));
                JsonNode result = timeReference(python, threads, channels, batch, shape, warmup, steps);
                torchVersion = result.get("torch").asText();
                reference.add(median(result.get("secondsPerStep")));
                ratios.add(java.get(round - 1) / reference.get(round - 1));
                System.out.printf("%-6d %16.4f %16.4f %8.3f%n", round, java.get(round - 1), reference.get(round - 1),
                        ratios.get(round - 1));
            }
        }
        double javaMedian = median(java);
        double referenceMedian = median(reference);
        System.out.printf("%-6s %16.4f %16.4f %8.3f%n", "median", javaMedian, referenceMedian, median(ratios));
        System.out.printf("this project: DJL %s on PyTorch %s; reference: PyTorch %s (%s)%n",
                ai.djl.engine.Engine.getDjlVersion(), ai.djl.engine.Engine.getEngine("PyTorch").getVersion(),
                torchVersion, python);
        System.out.printf("ratio java/pytorch = %.3f of the medians; per round: median %.3f, range %.3f-%.3f "
                + "(target <= 1.0 on CPU)%n", javaMedian / referenceMedian, median(ratios),
                ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    /**
     * The thread counts of this JVM's libtorch (and, passed on as system properties, of the services
     * a benchmark starts); libtorch reads them once, when DJL's engine starts.
     */
    static void useThreads(int threads) {
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /** A fresh lambda-IJAE model (seed 1) and one fixed batch of uniform noise, stepped in this JVM. */
    static final class InProcessStep implements AutoCloseable {
        private final GenerativeModel model;
        private final PhaseLoop loop;
        private final NDManager manager;
        private final NDArray x;

        InProcessStep(ImageShape shape, int channels, int batch) {
            model = ModelRegistry.family(IjaeFamily.IMPLICIT).create(shape, Map.of("channels", channels));
            model.initialize(1);
            loop = new PhaseLoop(model, 1);
            manager = NDManager.newBaseManager();
            x = RandomStream.of(7).uniform(manager, shape.batchShape(batch), -1, 1);
        }

        /** Seconds of each of {@code steps} steps, after {@code warmup} untimed ones. */
        double[] seconds(int warmup, int steps) {
            for (int i = 0; i < warmup; i++) {
                loop.step(x);
            }
            double[] seconds = new double[steps];
            for (int i = 0; i < steps; i++) {
                long start = System.nanoTime();
                loop.step(x);
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
            return seconds;
        }

        @Override
        public void close() {
            try (model; loop; manager; x) {
                // closed in reverse order: the batch, its manager, the loop, the model
            }
        }
    }

    private static JsonNode timeReference(String python, int threads, int channels, int batch, ImageShape shape,
            int warmup, int steps) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(python, REFERENCE.toString(), "--threads", String.valueOf(threads),
                "--channels", String.valueOf(channels), "--batch", String.valueOf(batch),
                "--shape", shape.channels() + "x" + shape.height() + "x" + shape.width(),
                "--warmup", String.valueOf(warmup), "--steps", String.valueOf(steps))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the PyTorch reference failed (exit " + process.exitValue() + "); "
                    + "it needs Debian's python3-torch at " + python);
        }
        return new ObjectMapper().readTree(out);
    }

    private static double median(JsonNode values) {
        List<Double> list = new ArrayList<>();
        values.forEach(v -> list.add(v.asDouble()));
        return median(list);
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static ImageShape parseShape(String text) {
        String[] parts = text.split("x");
        if (parts.length != 3) {
            throw new IllegalArgumentException("--shape must be CxHxW, e.g. 3x32x32 or 1x28x28; got '" + text + "'");
        }
        return new ImageShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }
}
