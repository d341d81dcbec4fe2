package dev.aegan.local;

import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.StudyRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The README's first command: the whole system on this machine with a real dataset and a real
 * training run. Ctrl-C stops every process.
 *
 * <p>Options (system properties): {@code aegan.local.dataset-dir} (IDX files, default Debian's
 * Fashion-MNIST), {@code aegan.local.model} (lambda-ijae, with {@link LocalRunSpec#ijae()}'s
 * settings; {@code ./run-local --vae} is {@code vae}), {@code aegan.local.steps} (3000),
 * {@code aegan.local.checkpoint-every} (the model's, {@link LocalRunSpec}), {@code aegan.local.work-dir} (.local),
 * {@code aegan.local.sweep} (a file holding a {@code POST /sweeps} request, sent instead of the
 * single run; e.g. {@code examples/ijae-lambda-sweep.json}), {@code aegan.local.runs} (a JSON Lines
 * file, one {@code POST /runs} request per line, sent in order instead of the single run; e.g.
 * {@code examples/model-tour.jsonl}), {@code aegan.local.study} (a study's name: {@code POST /studies}
 * at its local budget instead of the single run; {@code ./run-local --study NAME}),
 * {@code aegan.local.kafka-authentication} (true: a broker
 * that requires SCRAM and enforces the platform's ACLs, each service its own principal, a user's
 * kcat with {@link LocalStack#KCAT_CONFIG}; false: one that lets anyone in, with a warning).
 * Service settings given as {@code -Daegan.<service>.*} or {@code -Dai.djl.pytorch.*} are passed on to
 * the services, {@code -Dkafka.*} settings through their environment.
 */
public final class LocalRun {
    /** Fashion-MNIST's class names, label 0 first (IDX files carry only the numbers). */
    static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    static final String KAFKA_AUTHENTICATION = "aegan.local.kafka-authentication";

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        Instant started = Instant.now();
        Path repository = Path.of(System.getProperty("aegan.local.repository", ".")).toAbsolutePath().normalize();
        Path workDir = repository.resolve(System.getProperty("aegan.local.work-dir", ".local"));
        Path datasetDir = Path.of(System.getProperty("aegan.local.dataset-dir", "/usr/share/datasets/fashion-mnist"));
        LocalRunSpec single = runSpec(System.getProperties());
        Path sweep = requestFile(repository, "aegan.local.sweep");
        Path runs = requestFile(repository, "aegan.local.runs");
        String study = System.getProperty("aegan.local.study");
        if (Stream.of(sweep, runs, study).filter(java.util.Objects::nonNull).count() > 1) {
            throw new IllegalStateException("give one of -Daegan.local.sweep, -Daegan.local.runs and"
                    + " -Daegan.local.study (--study)");
        }
        List<Path> files = idxFiles(datasetDir);

        System.out.println("[local] starting Kafka, S3 and the services (logs in " + workDir.resolve("logs") + ")");
        boolean kafkaAuthentication = kafkaAuthentication(System.getProperties());
        LocalStack stack = LocalStack.start(repository, workDir, true, kafkaAuthentication);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\n[local] stopping every process");
            stack.close();
            stopped.countDown();
        }));
        System.out.printf("[local] Kafka %s%s, S3 %s, services up after %d s%n", stack.bootstrapServers(),
                kafkaAuthentication ? " (SCRAM-SHA-512 and ACLs, each service its own principal)" : " (no authentication)",
                stack.s3Endpoint(), Duration.between(started, Instant.now()).toSeconds());

        System.out.println("[local] ingesting " + files.stream().map(p -> p.getFileName().toString())
                .collect(Collectors.joining(", ")));
        System.out.println("[local] " + DatasetUpload.upload(stack.url(Service.INGEST), stack.apiTokens().trainer(),
                "fashion-mnist", files, FASHION_MNIST_CLASSES));

        List<String> runRequests = runs != null
                ? Files.readAllLines(runs).stream().filter(line -> !line.isBlank()).toList()
                : List.of(single.request("fashion-mnist"));
        if (sweep != null) {
            System.out.println("[local] sweep queued: " + post(stack, "/sweeps", Files.readString(sweep)));
        } else if (study != null) {
            System.out.println("[local] study requested: " + post(stack, "/studies", studyRequest(study)));
            System.out.println("    Study page: " + stack.url(Service.GALLERY) + "/#study=" + study);
        } else {
            for (String request : runRequests) {
                System.out.println("[local] run queued: " + post(stack, "/runs", request));
            }
        }
        System.out.println();
        System.out.println("    Gallery: " + stack.url(Service.GALLERY) + "/");
        System.out.println();
        System.out.println("    API tokens of this run (send 'Authorization: Bearer <token>'; reads need none):");
        System.out.println("      trainer (upload datasets, request and stop runs):   " + stack.apiTokens().trainer());
        System.out.println("      admin   (everything):                               " + stack.apiTokens().admin());
        System.out.println("      reader  (reads, when aegan.auth.read-access=token): " + stack.apiTokens().reader());
        System.out.println("    e.g. export AEGAN_TOKEN=" + stack.apiTokens().trainer());
        System.out.println();
        System.out.println("    Kafka " + stack.bootstrapServers() + (kafkaAuthentication
                ? " (SASL): your own clients connect as principal 'user', with the password this run drew;"
                : " (no authentication):"));
        System.out.println("    kcat's settings are in " + workDir.resolve(LocalStack.KCAT_CONFIG) + " (kcat -F \"$AEGAN_KCAT_CONFIG\" -b "
                + stack.bootstrapServers() + " ...)");
        System.out.println("    export AEGAN_KCAT_CONFIG=" + workDir.resolve(LocalStack.KCAT_CONFIG));
        System.out.println();
        System.out.println("[local] Ctrl-C stops everything. Resident memory is printed every minute.");

        while (!stopped.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
            System.out.println("[local] resident MiB: " + stack.residentMiB());
        }
    }

    /**
     * {@code aegan.local.kafka-authentication}: on unless set to {@code false}, which is said on
     * standard error, as anyone who reaches the broker can then read and forge every record.
     */
    static boolean kafkaAuthentication(Properties launcher) {
        String setting = launcher.getProperty(KAFKA_AUTHENTICATION, "true");
        if (!setting.equals("true") && !setting.equals("false")) {
            throw new IllegalStateException("-D" + KAFKA_AUTHENTICATION + "=" + setting + ": give true or false");
        }
        if (setting.equals("false")) {
            System.err.println("[local] WARNING: -D" + KAFKA_AUTHENTICATION + "=false: the Kafka broker lets every"
                    + " client in, so anyone who reaches its port can read every topic and forge any record"
                    + " (an evaluation, a run event) that the services then trust");
        }
        return setting.equals("true");
    }

    /** The single run's spec: {@code aegan.local.model}'s, with {@code aegan.local.steps} and {@code checkpoint-every} if given. */
    static LocalRunSpec runSpec(Properties launcher) {
        LocalRunSpec spec = LocalRunSpec.of(launcher.getProperty("aegan.local.model", LocalRunSpec.IJAE));
        String steps = launcher.getProperty("aegan.local.steps");
        String checkpointEvery = launcher.getProperty("aegan.local.checkpoint-every");
        spec = steps == null ? spec : spec.withSteps(Integer.parseInt(steps));
        return checkpointEvery == null ? spec : spec.withCheckpointEvery(Integer.parseInt(checkpointEvery));
    }

    /** The {@code POST /studies} body for a shipped study at its local budget. */
    static String studyRequest(String study) {
        return EventJson.writeString(new StudyRequest(StudyRequest.SCHEMA,
                EventJson.MAPPER.getNodeFactory().textNode(study), StudyRequest.DEFAULT_PROFILE));
    }

    /** The IDX files (gzipped or not) of a dataset folder such as Debian's Fashion-MNIST, in name order. */
    public static List<Path> idxFiles(Path datasetDir) throws IOException {
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
        return files;
    }

    private static Path requestFile(Path repository, String property) {
        String value = System.getProperty(property);
        if (value == null) {
            return null;
        }
        Path file = repository.resolve(value);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("-D" + property + "=" + file + " is not a file");
        }
        return file;
    }

    /** The trainer's answer to a request it accepted. */
    public static String post(LocalStack stack, String path, String request) throws Exception {
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(stack.url(Service.TRAINER) + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + stack.apiTokens().trainer())
                        .POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("trainer refused the request to " + path + " (" + answer.statusCode()
                    + "): " + answer.body());
        }
        return answer.body();
    }
}
