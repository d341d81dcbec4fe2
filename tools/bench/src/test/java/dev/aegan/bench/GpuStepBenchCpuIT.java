package dev.aegan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * scripts/gpu-step-bench in its CPU mode, for one tiny step, so that the GPU benchmark's script, the fused
 * reference's check, the FLOP report and the operator-by-operator comparison keep working where no GPU is:
 * it must succeed and print the ratios. Figures are not checked (benchmarks, not tests, judge speed).
 */
class GpuStepBenchCpuIT {
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void cpuModeRunsTheStepComparisonAndPrintsTheRatios() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(REPOSITORY.resolve("scripts/gpu-step-bench").toString(), "--cpu",
                "--steps", "1", "--rounds", "1", "--batches", "4", "--channels", "4")
                .directory(REPOSITORY.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertTrue(output.contains("fused formulation check: "), output);
        assertTrue(Pattern.compile("ratio java/pytorch-fused = \\d+\\.\\d+").matcher(output).find(), output);
        assertTrue(Pattern.compile("ratio java/pytorch-plain = \\d+\\.\\d+").matcher(output).find(), output);
        assertTrue(Pattern.compile("achieved java: +\\d+\\.\\d GFLOP/s").matcher(output).find(), output);
        assertTrue(Pattern.compile("all operators +\\d+\\.\\d +\\d+ +\\d+\\.\\d").matcher(output).find(), output);
        assertTrue(Pattern.compile("the operators alone, java/fused = \\d+\\.\\d+").matcher(output).find(), output);
    }
}
