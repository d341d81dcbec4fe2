package dev.aegan.models.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import dev.aegan.models.api.AbstractGenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.phase.AdamSettings;
import dev.aegan.models.phase.PhaseContext;
import dev.aegan.models.phase.PhaseLoss;
import dev.aegan.models.phase.TrainingPhase;
import dev.aegan.models.training.PhaseLoop;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * WGAN-GP critic steps through {@link PhaseLoop} (GradientCollector, the TorchScript input gradient,
 * backward, Adam) leave the process's native memory and the managers' tensor counts where warm-up
 * left them: here 1,000 steps, {@code GradientPenaltyMemoryIT} 5,000 (profile {@code slow}). The
 * other way to get create_graph, {@code JniUtils.backward(..., createGraph=true)}, grew by about
 * 3 MB per step (measured with DJL 0.35.1 and PyTorch 2.7.1).
 *
 * <p>The steps run in a child JVM whose Java heap is fixed and touched up front
 * ({@code -Xms = -Xmx}, {@code -XX:+AlwaysPreTouch}): in the test's own JVM the heap's young
 * generation first fills during the run and adds ~200 MB of resident pages that are not native
 * memory.
 */
class GradientPenaltyMemoryTest {

    static final int WARM_UP_STEPS = 300;
    private static final String RESULT = "gradient-penalty-memory:";
    private static final ImageShape SHAPE = new ImageShape(1, 8, 8);

    /** Growth bound 8 MB over 700 steps: a leak of 12 kB per step or more fails. */
    @Test
    void nativeMemoryAndTensorCountsStayFlatOverAThousandCriticSteps() throws IOException, InterruptedException {
        assertFlat(1000, 8 * 1024);
    }

    /**
     * Runs {@code steps} critic steps in a child JVM and asserts that, after {@value #WARM_UP_STEPS}
     * steps of warm-up, VmRSS grows by at most {@code boundKb} and no tensor is left behind.
     */
    static void assertFlat(int steps, long boundKb) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms192m", "-Xmx192m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"));
        String logManager = System.getProperty("java.util.logging.manager");
        if (logManager != null) {
            command.add("-Djava.util.logging.manager=" + logManager);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GradientPenaltyMemoryTest.class.getName(),
                String.valueOf(steps)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            output = reader.lines().toList();
        }
        assertEquals(0, child.waitFor(), "the child JVM failed:\n" + String.join("\n", output));
        String result = output.stream().filter(line -> line.startsWith(RESULT)).findFirst()
                .orElseThrow(() -> new AssertionError("no result from the child JVM:\n" + String.join("\n", output)));
        System.out.println(result);
        Map<String, Long> figures = new LinkedHashMap<>();
        for (String pair : result.substring(RESULT.length()).trim().split(" ")) {
            figures.put(pair.substring(0, pair.indexOf('=')), Long.parseLong(pair.substring(pair.indexOf('=') + 1)));
        }
        assertEquals(steps, figures.get("steps"));
        assertEquals(figures.get("modelTensorsAfterWarmUp"), figures.get("modelTensorsAtEnd"), "tensors left on the model");
        assertEquals(1L, figures.get("callerTensorsAtEnd"), "only the batch lives on the caller's manager");
        long growth = figures.get("rssAtEndKb") - figures.get("rssAfterWarmUpKb");
        assertTrue(growth <= boundKb, "VmRSS grew by " + growth + " kB over " + (steps - WARM_UP_STEPS) + " steps");
    }

    /** The child JVM: runs {@code args[0]} steps and prints one line of figures. */
    public static void main(String[] args) {
        int steps = Integer.parseInt(args[0]);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                CriticModel model = new CriticModel();
                PhaseLoop loop = new PhaseLoop(model, 1)) {
            NDArray batch = RandomStream.of(2).uniform(manager, SHAPE.batchShape(16), -1, 1);
            long rssAfterWarmUp = 0;
            int tensorsAfterWarmUp = 0;
            long start = System.nanoTime();
            for (int step = 0; step < steps; step++) {
                float loss = loop.step(batch).get("critic/loss");
                if (!Float.isFinite(loss)) {
                    throw new IllegalStateException("critic loss " + loss + " at step " + step);
                }
                if (step + 1 == WARM_UP_STEPS) {
                    rssAfterWarmUp = residentKilobytes();
                    tensorsAfterWarmUp = model.manager().getManagedArrays().size();
                }
            }
            System.out.printf("%s steps=%d seconds=%d rssAfterWarmUpKb=%d rssAtEndKb=%d modelTensorsAfterWarmUp=%d "
                    + "modelTensorsAtEnd=%d callerTensorsAtEnd=%d%n", RESULT, steps,
                    Math.round((System.nanoTime() - start) / 1e9), rssAfterWarmUp, residentKilobytes(), tensorsAfterWarmUp,
                    model.manager().getManagedArrays().size(), manager.getManagedArrays().size());
        }
    }

    /** The resident set size of this process, from /proc/self/status. */
    static long residentKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("/proc/self/status has no VmRSS line");
    }

    /**
     * A small critic trained alone on the WGAN-GP critic loss E D(x_fake) - E D(x) + 10 GP, the
     * fakes uniform noise drawn from the phase's stream.
     */
    static final class CriticModel extends AbstractGenerativeModel {
        private final Block critic;

        CriticModel() {
            super("gradient-penalty-memory-test", SHAPE, 1, Map.of(), Device.cpu());
            critic = addNetwork("critic", new SequentialBlock()
                    .add(Layers.conv(8, 3, 2, 1))
                    .add(Layers.leakyRelu(0.2f))
                    .add(Layers.conv(16, 3, 2, 1))
                    .add(Layers.leakyRelu(0.2f))
                    .add(Blocks.batchFlattenBlock())
                    .add(Layers.linear(1)), SHAPE.batchShape(1));
            initialize(3);
            trainWith(List.of(new TrainingPhase("critic", List.of("critic"), new AdamSettings(1e-4, 0, 0.9), this::loss)));
        }

        private PhaseLoss loss(PhaseContext context) {
            NDArray real = context.batch();
            long n = real.getShape().get(0);
            NDArray fake = context.uniform(real.getShape(), -1, 1);
            NDArray eps = context.uniform(new Shape(n), 0, 1);
            GradientPenalty penalty = GradientPenalty.wganGp(x -> score(context, x), real, fake, eps, 10f);
            NDArray loss = score(context, fake).mean().sub(score(context, real).mean()).add(penalty.value());
            return new PhaseLoss(loss, Map.of("gradient_norm", penalty.gradientNorm()));
        }

        private NDArray score(PhaseContext context, NDArray x) {
            return critic.forward(context.parameters(), new NDList(x), true).singletonOrThrow().reshape(-1);
        }
    }
}
