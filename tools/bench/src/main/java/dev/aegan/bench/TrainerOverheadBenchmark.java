package dev.aegan.bench;

import ai.djl.Device;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.local.Service;
import dev.aegan.models.core.ImageShape;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * What training through trainer-service costs on top of the training step itself: the images per
 * second a lambda-IJAE run on Fashion-MNIST reports on {@code training.metrics} (over its steps after
 * the warm-up, checkpoints included), divided by the images per second of the same step in this JVM
 * ({@link InProcessStep}) at the same width, batch, image shape and thread count.
 * The in-process steps run before the service starts and again after it has stopped, so neither side
 * takes cores from the other and a drift of the machine's load hits both.
 */
final class TrainerOverheadBenchmark {
    private static final ImageShape FASHION_MNIST = new ImageShape(1, 28, 28);
    /** Longest wait for the run's next metric event before the bench gives up. */
    private static final Duration SILENCE_LIMIT = Duration.ofMinutes(5);

    private TrainerOverheadBenchmark() {
    }

    static void run(BenchOptions options) throws Exception {
        options.requireOnly("threads", "channels", "batch", "steps", "warmup", "checkpoint-every", "bench-steps",
                "dataset-dir", "jfr");
        int threads = options.integer("threads", 1);
        int channels = options.integer("channels", 16);
        int batch = options.integer("batch", 64);
        int steps = options.integer("steps", 200);
        int warmup = options.integer("warmup", 20);
        int checkpointEvery = options.integer("checkpoint-every", 100);
        int benchSteps = options.integer("bench-steps", 20);
        Path datasetDir = Path.of(options.text("dataset-dir", "/usr/share/datasets/fashion-mnist"));
        String jfr = options.text("jfr", "");
        if (warmup >= steps) {
            throw new IllegalArgumentException("--warmup must be below --steps");
        }
        InProcessStep.useThreads(threads);
        System.out.printf("lambda-IJAE, channels %d, batch %d, %s Fashion-MNIST images, %d thread(s): a run of %d steps "
                + "(checkpoint every %d) through trainer-service, its steps after %d timed, between twice %d in-process "
                + "steps (the first time after %d warm-up ones)%n",
                channels, batch, FASHION_MNIST, threads, steps, checkpointEvery, warmup, benchSteps, warmup);

        List<String> jvmOptions = BenchStack.flightRecording(jfr);
        double serviceRate;
        double before;
        double after;
        // in-process steps before and after the service's, so a drift of the machine's load hits both sides alike
        try (InProcessStep step = new InProcessStep(FASHION_MNIST, channels, batch, Device.cpu())) {
            before = batch / step.seconds(warmup, benchSteps).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            System.out.printf("in-process step, before: %10.1f images/s%n", before);
            try (BenchStack stack = BenchStack.start(EnumSet.of(Service.INGEST, Service.TRAINER), jvmOptions)) {
                stack.ingest(datasetDir);
                serviceRate = serviceImagesPerSecond(stack, channels, batch, steps, warmup, checkpointEvery);
            }
            after = batch / step.seconds(0, benchSteps).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }
        if (!jfr.isEmpty()) {
            System.out.println("flight recordings of the services (trainer-service's is the larger) in " + jfr);
        }
        double inProcessRate = 2 / (1 / before + 1 / after);
        System.out.printf("trainer-service: %10.1f images/s (reported on %s, steps %d-%d)%n", serviceRate,
                Topics.TRAINING_METRICS, warmup + 1, steps);
        System.out.printf("in-process step: %10.1f images/s (%d steps after %d warm-up ones before the service's, "
                + "%.1f images/s, and %d after, %.1f images/s)%n", inProcessRate, benchSteps, warmup, before, benchSteps,
                after);
        System.out.printf("ratio service/in-process = %.3f (target >= 0.9); against the in-process steps before "
                + "alone %.3f, after alone %.3f (far apart: the machine's load changed, run it again)%n",
                serviceRate / inProcessRate, serviceRate / before, serviceRate / after);
    }

    /**
     * Images over seconds of the windows the run's metric events report after {@code warmup}: each
     * event's images per second covers the steps since the previous event.
     */
    private static double serviceImagesPerSecond(BenchStack stack, int channels, int batch, int steps, int warmup,
                                                 int checkpointEvery) throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = stack.consumer(Topics.TRAINING_METRICS)) {
            String runId = stack.startRun("""
                    "model": "lambda-ijae", "seed": 1, "steps": %d, "batchSize": %d, "checkpointEvery": %d,
                    "hyperparameters": {"channels": %d}""".formatted(steps, batch, checkpointEvery, channels));
            System.out.println("run " + runId + " queued; trainer log: " + stack.log(Service.TRAINER));
            List<TrainingMetricEvent> events = new ArrayList<>();
            Instant lastHeard = Instant.now();
            while (events.isEmpty() || events.get(events.size() - 1).step() < steps) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (runId.equals(record.key())) {
                        TrainingMetricEvent event = EventJson.read(record.value(), TrainingMetricEvent.class);
                        events.add(event);
                        lastHeard = Instant.now();
                        System.out.printf("  step %5d %10.1f images/s%n", event.step(), event.imagesPerSecond());
                    }
                }
                if (Duration.between(lastHeard, Instant.now()).compareTo(SILENCE_LIMIT) > 0) {
                    throw new IllegalStateException("no metric event of run " + runId + " for " + SILENCE_LIMIT
                            + "; see " + stack.log(Service.TRAINER));
                }
            }
            double images = 0;
            double seconds = 0;
            for (int i = 1; i < events.size(); i++) {
                if (events.get(i - 1).step() >= warmup) {
                    double windowImages = (events.get(i).step() - events.get(i - 1).step()) * (double) batch;
                    images += windowImages;
                    seconds += windowImages / events.get(i).imagesPerSecond();
                }
            }
            if (images == 0) {
                throw new IllegalStateException("no metric event after step " + warmup + "; give more --steps");
            }
            return images / seconds;
        }
    }
}
