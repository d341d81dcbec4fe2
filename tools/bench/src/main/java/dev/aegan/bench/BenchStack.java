package dev.aegan.bench;

import dev.aegan.local.DatasetUpload;
import dev.aegan.local.LocalRun;
import dev.aegan.local.LocalStack;
import dev.aegan.local.Service;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Some of the services, each its own JVM from {@code <module>/target/quarkus-app} as {@code
 * ./run-local} starts them, on a broker and S3 server in this JVM, with Fashion-MNIST ingested. Its
 * work folder (S3 data, service logs) is a fresh one under {@code target/}.
 */
final class BenchStack implements AutoCloseable {
    static final String DATASET = "fashion-mnist";

    private final LocalStack stack;
    private final Path workDir;

    private BenchStack(LocalStack stack, Path workDir) {
        this.stack = stack;
        this.workDir = workDir;
    }

    /**
     * @param extraJvmOptions given to every service started, e.g. a flight recording
     */
    static BenchStack start(Set<Service> services, List<String> extraJvmOptions) throws IOException {
        Path repository = Path.of("").toAbsolutePath();
        for (Service service : services) {
            Path jar = repository.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " not found: build it (./run-bench builds what a bench needs)");
            }
        }
        Path workDir = Files.createTempDirectory(Files.createDirectories(repository.resolve("tools/bench/target")),
                "stack-");
        System.out.printf("starting Kafka, S3 and %s (logs in %s)%n",
                services.stream().map(Service::module).toList(), workDir.resolve("logs"));
        LocalStack stack = LocalStack.start(repository, workDir, LocalStack.startInfra(workDir, false, false), false,
                extraJvmOptions, services);
        return new BenchStack(stack, workDir);
    }

    /**
     * The JVM options that leave a flight recording of each service started in {@code folder}, or
     * none for an empty folder name (the {@code --jfr} option).
     */
    static List<String> flightRecording(String folder) throws IOException {
        return folder.isEmpty() ? List.of() : List.of("-XX:StartFlightRecording=settings=profile,filename="
                + Files.createDirectories(Path.of(folder).toAbsolutePath()));
    }

    /** Uploads the IDX files of {@code datasetDir} (training and held-out splits) as {@value #DATASET}. */
    void ingest(Path datasetDir) throws IOException, InterruptedException {
        DatasetUpload.upload(stack.url(Service.INGEST), stack.apiTokens().trainer(), DATASET,
                LocalRun.idxFiles(datasetDir));
    }

    /** Queues a run of {@value #DATASET}; {@code fields} is the rest of its spec's JSON object. */
    String startRun(String fields) throws Exception {
        String runId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        LocalRun.post(stack, "/runs", "{\"runId\": \"" + runId + "\", \"dataset\": \"" + DATASET + "\", "
                + fields + "}");
        return runId;
    }

    /** A consumer of committed records from the beginning of {@code topic}, in a group of its own. */
    KafkaConsumer<String, byte[]> consumer(String topic) {
        Map<String, Object> config = stack.kafkaClientSettings().forClient(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    String url(Service service) {
        return stack.url(service);
    }

    Path log(Service service) {
        return workDir.resolve("logs").resolve(service.module() + ".log");
    }

    @Override
    public void close() {
        stack.close();
    }
}
