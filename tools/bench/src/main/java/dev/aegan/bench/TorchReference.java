package dev.aegan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PyTorch side of the step benchmark ({@code tools/bench/src/main/python/ijae_step_timing.py}), one
 * process per call: its JSON result on stdout, its report lines (if any) passed through on stderr.
 */
final class TorchReference {
    private static final Path SCRIPT = Path.of("tools/bench/src/main/python/ijae_step_timing.py");

    private final String python;
    private final List<String> common;
    private final String threads;

    TorchReference(String python, String device, int threads, int channels, int batch, String shape) {
        if (!Files.isRegularFile(SCRIPT)) {
            throw new IllegalStateException("run ./run-bench from the repository root (" + SCRIPT + " not found)");
        }
        this.python = python;
        this.threads = String.valueOf(threads);
        this.common = List.of("--device", device, "--threads", String.valueOf(threads), "--channels",
                String.valueOf(channels), "--batch", String.valueOf(batch), "--shape", shape);
    }

    /** Median seconds per step of one formulation ({@code plain} or {@code fused}). */
    double secondsPerStep(String formulation, int warmup, int steps) throws IOException, InterruptedException {
        JsonNode result = run("time", "--formulation", formulation, "--warmup", String.valueOf(warmup),
                "--steps", String.valueOf(steps));
        List<Double> seconds = new ArrayList<>();
        result.get("secondsPerStep").forEach(v -> seconds.add(v.asDouble()));
        return Statistics.median(seconds);
    }

    JsonNode run(String mode, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, SCRIPT.toString(), "--mode", mode));
        command.addAll(common);
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        // Debian's torch multiplies matrices in OpenBLAS, whose own thread pool torch.set_num_threads does not size
        builder.environment().put("OPENBLAS_NUM_THREADS", threads);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the PyTorch reference (--mode " + mode + ") failed (exit "
                    + process.exitValue() + "); it needs torch at " + python
                    + " (Debian's python3-torch: scripts/install-prerequisites.sh --with-torch)");
        }
        return new ObjectMapper().readTree(out);
    }
}
