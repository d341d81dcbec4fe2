package dev.aegan.bench;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.infra.Infra;
import dev.aegan.local.DatasetUpload;
import dev.aegan.local.LocalStack;
import dev.aegan.local.Service;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * ingest-service's throughput on a real broker and S3 server with ingest alone running: for each
 * image kind, a plain producer into a scratch topic (the raw figure), the same records through an
 * {@link ExactlyOnceRelay} (what any exactly-once consume-transform-produce service with ingest's
 * Kafka settings costs, without decoding), on {@code ingest.images} (the topic path) and one REST
 * upload of them as a zip (the REST path), each figure but the raw one from the first record or byte
 * sent to the last one committed on its output topic, each checked to have delivered every image
 * exactly once. The service is
 * warmed first ({@code --warmup-rounds}, unmeasured rounds of the same work on other datasets), as a
 * long-running ingest is: a fresh JVM spends about half of its first 20,000 images' CPU compiling. Each
 * measured round sends fresh datasets; the medians over {@code --rounds} close the report, since on a
 * shared machine one round's ratio swings with the load.
 */
public final class IngestBenchmark {
    private static final String SCRATCH_TOPIC = "bench.raw-images";
    private static final String RELAY_INPUT = "bench.relay-in";
    private static final String RELAY_OUTPUT = "bench.relay-out";

    private IngestBenchmark() {
    }

    public static void run(BenchOptions options) throws Exception {
        options.requireOnly("images", "seed", "jfr", "ingest-jvm", "work-dir", "rounds", "warmup-rounds");
        int count = options.integer("images", 20_000);
        int rounds = options.integer("rounds", 3);
        int warmupRounds = options.integer("warmup-rounds", 1);
        long seed = options.integer("seed", 1);
        Path repository = Path.of(".").toAbsolutePath().normalize();
        Path workDir = repository.resolve(options.text("work-dir", "tools/bench/target/ingest-work"));
        Path ingestApp = repository.resolve(Service.INGEST.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(ingestApp)) {
            throw new IllegalStateException(ingestApp + " is missing: ./run-bench ingest builds it (mvn -pl "
                    + Service.INGEST.module() + " package)");
        }
        List<String> ingestJvm = new ArrayList<>();
        String extraJvm = options.text("ingest-jvm", "").strip();
        if (!extraJvm.isEmpty()) {
            ingestJvm.addAll(List.of(extraJvm.split("\\s+")));
        }
        String jfr = options.text("jfr", "");
        if (!jfr.isEmpty()) {
            ingestJvm.add("-XX:StartFlightRecording=settings=profile,filename=" + Path.of(jfr).toAbsolutePath());
        }
        System.out.printf("ingest benchmark: %,d distinct images per kind, seed %d, %d warm-up and %d measured rounds;"
                + " raw producer settings %s%n", count, seed, warmupRounds, rounds, ImageProducer.SETTINGS);
        Path ingestProperties = repository.resolve(Service.INGEST.module()).resolve("src/main/resources/application.properties");
        Map<String, Object> relayConsumer = ExactlyOnceRelay.consumerSettings(ingestProperties);
        Map<String, Object> relayProducer = ExactlyOnceRelay.producerSettings(ingestProperties);
        System.out.printf("exactly-once relay: ingest's consumer settings %s, producer settings %s, %d values a record%n",
                relayConsumer, relayProducer, ExactlyOnceRelay.VALUES_PER_RECORD);
        Infra infra = LocalStack.startInfra(workDir, false, true);
        try (LocalStack stack = LocalStack.start(repository, workDir, infra, false, ingestJvm, EnumSet.of(Service.INGEST))) {
            KafkaClientSettings kafka = stack.kafkaClientSettings();
            try (Admin admin = Admin.create(kafka.forClient(Map.of()))) {
                admin.createTopics(List.of(new NewTopic(SCRATCH_TOPIC, 1, (short) 1), new NewTopic(RELAY_INPUT,
                        partitions(admin, Topics.INGEST_IMAGES), (short) 1), new NewTopic(RELAY_OUTPUT,
                        partitions(admin, Topics.DATASET_BATCHES), (short) 1))).all().get();
            }
            try (ImageProducer producer = new ImageProducer(kafka);
                 ArrivalCheck arrivals = new ArrivalCheck(kafka, Topics.DATASET_BATCHES);
                 ExactlyOnceRelay relay = new ExactlyOnceRelay(kafka, relayConsumer, relayProducer, RELAY_INPUT,
                         RELAY_OUTPUT);
                 ArrivalCheck relayed = new ArrivalCheck(kafka, RELAY_OUTPUT)) {
                Harness harness = new Harness(stack, producer, arrivals, relay, relayed, workDir);
                measure(harness, count, rounds, warmupRounds, seed);
            }
        }
    }

    private record Harness(LocalStack stack, ImageProducer producer, ArrivalCheck arrivals, ExactlyOnceRelay relay,
                           ArrivalCheck relayed, Path workDir) {
    }

    private static int partitions(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }

    private static void measure(Harness harness, int count, int rounds, int warmupRounds, long seed) throws Exception {
        System.out.printf("%-8s %-11s %-32s %9s %12s %10s%n", "round", "images", "path", "images/s", "MB/s (PNG)",
                "vs raw");
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (int round = 1 - warmupRounds; round <= rounds; round++) {
            String label = round < 1 ? "warm-up" : Integer.toString(round);
            for (BenchImages.Kind kind : BenchImages.Kind.values()) {
                BenchImages images = BenchImages.generate(kind, count, seed + kind.ordinal());
                for (Figure figure : round(harness, images)) {
                    figure.print(label);
                    if (round >= 1) {
                        ratios.computeIfAbsent(images.kind().label + " " + figure.path(), key -> new ArrayList<>())
                                .add(figure.vsRaw());
                    }
                }
            }
        }
        System.out.printf("median over %d rounds:%n", rounds);
        ratios.forEach((path, values) -> System.out.printf("  %-44s %5.2fx  (rounds: %s)%n", path,
                Statistics.median(values), values.stream().map(v -> String.format("%.2f", v)).toList()));
        System.out.println("every image arrived exactly once on " + Topics.DATASET_BATCHES + " (read_committed), every"
                + " relayed record exactly once on " + RELAY_OUTPUT);
    }

    /**
     * One round for one kind: the raw producer, the exactly-once relay, the topic path and the REST path,
     * the last two on fresh datasets.
     */
    private static List<Figure> round(Harness harness, BenchImages images) throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        long rawStart = harness.producer().sendAll(SCRATCH_TOPIC, "raw", images);
        long rawNanos = System.nanoTime() - rawStart;

        long relayStart = harness.producer().sendAll(RELAY_INPUT, "relay", images);
        long relayNanos = harness.relayed().awaitAll(images.pngs(), record -> ExactlyOnceRelay.unpack(record.value()),
                "relayed PNGs") - relayStart;
        harness.relay().check();

        String topicDataset = "bench-topic-" + images.kind().name().toLowerCase() + "-" + run;
        long topicStart = harness.producer().sendAll(Topics.INGEST_IMAGES, topicDataset, images);
        long topicNanos = awaitImages(harness, topicDataset, images) - topicStart;

        String restDataset = "bench-rest-" + images.kind().name().toLowerCase() + "-" + run;
        Path zip = harness.workDir().resolve(restDataset + ".zip");
        Files.write(zip, zip(images));
        long restStart = System.nanoTime();
        DatasetUpload.upload(harness.stack().url(Service.INGEST), harness.stack().apiTokens().trainer(), restDataset,
                List.of(zip));
        long restNanos = awaitImages(harness, restDataset, images) - restStart;
        Files.delete(zip);
        return List.of(new Figure(images, "raw producer (scratch topic)", rawNanos, rawNanos),
                new Figure(images, "exactly-once relay (no decode)", relayNanos, rawNanos),
                new Figure(images, "topic ingest.images", topicNanos, rawNanos),
                new Figure(images, "REST upload (one zip)", restNanos, rawNanos));
    }

    private static long awaitImages(Harness harness, String dataset, BenchImages images) {
        return harness.arrivals().awaitAll(images.pixels(), ArrivalCheck.imagesOf(dataset),
                "images of '" + dataset + "' (see the ingest log and ingest.dead-letter)");
    }

    private static byte[] zip(BenchImages images) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < images.pngs().size(); i++) {
                zip.putNextEntry(new ZipEntry("image-" + i + ".png"));
                zip.write(images.pngs().get(i));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private record Figure(BenchImages images, String path, long nanos, long rawNanos) {
        double imagesPerSecond() {
            return images.pngs().size() / (nanos / 1e9);
        }

        double vsRaw() {
            return (double) rawNanos / nanos;
        }

        void print(String round) {
            System.out.printf("%-8s %-11s %-32s %,9.0f %12.1f %9.2fx%n", round, images.kind().label, path,
                    imagesPerSecond(), images.pngBytes() / (nanos / 1e9) / 1e6, vsRaw());
        }
    }
}
