package dev.aegan.bench;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.local.Service;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How long after a checkpoint event reaches Kafka (its record's timestamp) the gallery serves that
 * checkpoint's sample and reconstruction grids ({@code /api/runs/{id}/images/{step}/{kind}.png}
 * answering 200), for every checkpoint of one run on Fashion-MNIST (28x28), polling both images
 * every {@value #POLL_MILLIS} ms.
 */
final class GalleryLatencyBenchmark {
    private static final long POLL_MILLIS = 10;
    /** Longest wait for a checkpoint's grids, or for the run's next checkpoint. */
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final List<String> GRIDS = List.of("samples", "reconstructions");

    private GalleryLatencyBenchmark() {
    }

    /** One checkpoint's delay from its event to both grids served. */
    private record Latency(long step, Duration delay) {
    }

    static void run(BenchOptions options) throws Exception {
        options.requireOnly("threads", "model", "steps", "checkpoint-every", "batch", "dataset-dir", "jfr");
        int threads = options.integer("threads", 1);
        String model = options.text("model", "vae");
        int steps = options.integer("steps", 600);
        int checkpointEvery = options.integer("checkpoint-every", 100);
        int batch = options.integer("batch", 64);
        Path datasetDir = Path.of(options.text("dataset-dir", "/usr/share/datasets/fashion-mnist"));
        List<String> jvmOptions = BenchStack.flightRecording(options.text("jfr", ""));
        InProcessStep.useThreads(threads);
        int checkpoints = (steps + checkpointEvery - 1) / checkpointEvery;
        System.out.printf("%s on Fashion-MNIST, batch %d, %d steps, a checkpoint every %d (%d checkpoints), %d libtorch "
                + "thread(s) per service: from each checkpoint event to the gallery serving both its grids%n",
                model, batch, steps, checkpointEvery, checkpoints, threads);
        List<Latency> latencies = new ArrayList<>();
        ExecutorService pollers = Executors.newCachedThreadPool();
        try (BenchStack stack = BenchStack.start(EnumSet.of(Service.INGEST, Service.TRAINER, Service.GALLERY), jvmOptions);
             KafkaConsumer<String, byte[]> consumer = stack.consumer(Topics.CHECKPOINTS)) {
            stack.ingest(datasetDir);
            String runId = stack.startRun("""
                    "model": "%s", "seed": 1, "steps": %d, "batchSize": %d, "checkpointEvery": %d"""
                    .formatted(model, steps, batch, checkpointEvery));
            System.out.println("run " + runId + " queued; gallery log: " + stack.log(Service.GALLERY));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<Future<Latency>> pending = new ArrayList<>();
            Instant lastHeard = Instant.now();
            while (pending.size() < checkpoints) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (runId.equals(record.key())) {
                        long step = EventJson.read(record.value(), CheckpointEvent.class).step();
                        Instant published = Instant.ofEpochMilli(record.timestamp());
                        String images = stack.url(Service.GALLERY) + "/api/runs/" + runId + "/images/" + step + "/";
                        pending.add(pollers.submit(() -> new Latency(step,
                                Duration.between(published, served(http, images)))));
                        lastHeard = Instant.now();
                    }
                }
                if (Duration.between(lastHeard, Instant.now()).compareTo(LIMIT) > 0) {
                    throw new IllegalStateException("no checkpoint of run " + runId + " for " + LIMIT + "; see "
                            + stack.log(Service.TRAINER));
                }
            }
            for (Future<Latency> latency : pending) {
                latencies.add(latency.get());
                System.out.printf("  checkpoint at step %5d: grids served %6d ms after its event%n",
                        latencies.get(latencies.size() - 1).step(), latencies.get(latencies.size() - 1).delay().toMillis());
            }
        } finally {
            pollers.shutdownNow();
        }
        List<Double> millis = latencies.stream().map(l -> (double) l.delay().toMillis()).toList();
        System.out.printf("median %.0f ms, max %.0f ms over %d checkpoints (target < 2000 ms)%n",
                Statistics.median(millis), millis.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                millis.size());
    }

    /** When both grids under {@code images} were first answered with 200. */
    private static Instant served(HttpClient http, String images) throws Exception {
        Instant deadline = Instant.now().plus(LIMIT);
        for (String grid : GRIDS) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(images + grid + ".png")).build();
            while (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(images + grid + ".png not served within " + LIMIT);
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
        return Instant.now();
    }
}
