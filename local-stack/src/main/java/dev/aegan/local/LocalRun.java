package dev.aegan.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The README's first command: the whole system on this machine with a real dataset and a real
 * training run. Ctrl-C stops every process.
 *
 * <p>Options (system properties): {@code aegan.local.dataset-dir} (IDX files, default Debian's
 * Fashion-MNIST), {@code aegan.local.model} (vae), {@code aegan.local.steps} (3000),
 * {@code aegan.local.checkpoint-every} (100), {@code aegan.local.work-dir} (.local),
 * {@code aegan.local.sweep} (a file holding a {@code POST /sweeps} request, sent instead of the
 * single run; e.g. {@code examples/ijae-lambda-sweep.json}). Service settings given as
 * {@code -Daegan.<service>.*} or {@code -Dai.djl.pytorch.*} are passed on to the services.
 */
public final class LocalRun {
    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        Instant started = Instant.now();
        Path repository = Path.of(System.getProperty("aegan.local.repository", ".")).toAbsolutePath().normalize();
        Path workDir = repository.resolve(System.getProperty("aegan.local.work-dir", ".local"));
        Path datasetDir = Path.of(System.getProperty("aegan.local.dataset-dir", "/usr/share/datasets/fashion-mnist"));
        String model = System.getProperty("aegan.local.model", "vae");
        int steps = Integer.getInteger("aegan.local.steps", 3000);
        int checkpointEvery = Integer.getInteger("aegan.local.checkpoint-every", 100);
        Path sweep = System.getProperty("aegan.local.sweep") == null ? null
                : repository.resolve(System.getProperty("aegan.local.sweep"));

        if (sweep != null && !Files.isRegularFile(sweep)) {
            throw new IllegalStateException("-Daegan.local.sweep=" + sweep + " is not a file");
        }
        if (!Files.isDirectory(datasetDir)) {
            throw new IllegalStateException(datasetDir + " is not a folder of IDX files"
                    + " (apt-get install dataset-fashion-mnist, or set -Daegan.local.dataset-dir)");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(datasetDir)) {
            files = listing.filter(path -> path.getFileName().toString().contains("-ubyte")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no IDX files in " + datasetDir + " (apt-get install dataset-fashion-mnist)");
        }

        System.out.println("[local] starting Kafka, S3 and the services (logs in " + workDir.resolve("logs") + ")");
        LocalStack stack = LocalStack.start(repository, workDir, true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\n[local] stopping every process");
            stack.close();
            stopped.countDown();
        }));
        System.out.printf("[local] Kafka %s, S3 %s, services up after %d s%n", stack.bootstrapServers(),
                stack.s3Endpoint(), Duration.between(started, Instant.now()).toSeconds());

        System.out.println("[local] ingesting " + files.stream().map(p -> p.getFileName().toString())
                .collect(Collectors.joining(", ")));
        System.out.println("[local] " + DatasetUpload.upload(stack.url(Service.INGEST), "fashion-mnist", files));

        String request = sweep != null ? Files.readString(sweep) : """
                {"model": "%s", "dataset": "fashion-mnist", "seed": 1, "steps": %d, "batchSize": 64,
                 "checkpointEvery": %d}""".formatted(model, steps, checkpointEvery);
        String path = sweep != null ? "/sweeps" : "/runs";
        HttpResponse<String> run = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.url(Service.TRAINER) + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (run.statusCode() / 100 != 2) {
            throw new IllegalStateException("trainer refused the request to " + path + " (" + run.statusCode() + "): "
                    + run.body());
        }
        System.out.println("[local] " + (sweep != null ? "sweep" : "run") + " queued: " + run.body());
        System.out.println();
        System.out.println("    Gallery: " + stack.url(Service.GALLERY) + "/");
        System.out.println();
        System.out.println("[local] Ctrl-C stops everything. Resident memory is printed every minute.");

        while (!stopped.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
            System.out.println("[local] resident MiB: " + stack.residentMiB());
        }
    }
}
