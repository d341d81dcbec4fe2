package dev.aegan.local.hostile;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command line with bash, as a user types it, and returns its exit status and output. */
final class Shell {
    /** A safety net for a command that hangs, not a measure of how fast it should be. */
    private static final Duration LIMIT = Duration.ofMinutes(2);

    record Result(int exitCode, String output) {
    }

    private Shell() {
    }

    static Result run(String command, Path workDir, Map<String, String> environment) {
        Path output = null;
        try {
            output = Files.createTempFile("command-", ".out");
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("still running after " + LIMIT + ": " + command);
            }
            return new Result(process.exitValue(), new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a leftover temp file harms nothing
        }
    }
}
