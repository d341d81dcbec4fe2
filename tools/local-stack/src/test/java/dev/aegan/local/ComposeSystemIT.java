package dev.aegan.local;

import dev.aegan.contracts.TopicDefinition;
import dev.aegan.contracts.TopicDefinitions;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.PlatformAccess;
import dev.aegan.infra.FreePorts;
import dev.aegan.infra.LocalApiTokens;
import dev.aegan.local.compose.Command;
import dev.aegan.local.compose.ComposeKafkaAccess;
import dev.aegan.local.compose.ComposeProject;
import dev.aegan.local.compose.Podman;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The system as a user deploys it: the project's Dockerfile built into images, and the users'
 * {@code docker-compose.yml} run by docker-compose on podman, with only the Kafka and MinIO images
 * swapped for stand-ins built here ({@code containers/standins/}). Driven through the published
 * ports, watched through Kafka's external listener and a real browser.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeSystemIT {
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);
    private static final String DATASET = "fashion-compose";
    private static final int IMAGES = 3000;
    private static final List<String> SERVICES = List.of("gallery", "ingest", "trainer", "metrics", "critic");
    private static final LocalApiTokens TOKENS = LocalApiTokens.generate();
    /** A Kafka password per principal, and the super user's, as .env holds them. */
    private static final Map<String, String> KAFKA_PASSWORDS = kafkaPasswords();
    /** Judging at a scale two shared cores finish in seconds; a user sets these the same way. */
    private static final Map<String, String> JAVA_OPTIONS = Map.of(
            "AEGAN_METRICS_JAVA_OPTS", "-Xmx512m -XX:+ExitOnOutOfMemoryError -Dai.djl.pytorch.num_threads=1"
                    + " -Daegan.metrics.generation-samples=400 -Daegan.metrics.diversity-pairs=200"
                    + " -Daegan.metrics.kid-subsets=10 -Daegan.metrics.kid-subset-size=100"
                    + " -Daegan.metrics.memorisation-samples=200 -Daegan.metrics.memorisation-training-images=1000"
                    + " -Daegan.metrics.reconstruction-images=200 -Daegan.metrics.classifier.steps=200",
            "AEGAN_CRITIC_JAVA_OPTS", "-Xmx512m -XX:+ExitOnOutOfMemoryError -Dai.djl.pytorch.num_threads=1"
                    + " -Daegan.critic.updates-per-checkpoint=40 -Daegan.critic.sample-count=256",
            "AEGAN_TRAINER_JAVA_OPTS", "-Xmx1g -XX:+ExitOnOutOfMemoryError -Dai.djl.pytorch.num_threads=1");

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final String SUPER_USER = "admin";
    private static final String TAG = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Map<String, String> REPORT = new LinkedHashMap<>();
    private static final Map<String, String> PEAK_MEMORY = new ConcurrentHashMap<>();
    private static final Instant STARTED = Instant.now();
    private static final ScheduledExecutorService MEMORY_SAMPLER = Executors.newSingleThreadScheduledExecutor();

    private static Podman podman;
    private static ComposeProject project;
    private static Map<String, Integer> ports;
    private static String runId;

    @BeforeAll
    static void buildImagesAndStartTheStack() throws IOException {
        podman = Podman.start(REPOSITORY);
        Map<String, String> build = new HashMap<>(podman.clientEnvironment());
        build.putAll(Map.of("BUILDER", "podman", "SKIP_MAVEN", "1", "AEGAN_VERSION", TAG));
        Instant buildStart = Instant.now();
        run(build, "containers/standins/build-standins.sh"); // the base image first, then Kafka's and MinIO's
        Path cpuLibtorch = libtorchArchiveFromDjlNativeJar();
        run(build, "./build-images", "--gpu", "--build-arg", "LIBTORCH_ARCHIVE=target/" + cpuLibtorch.getFileName(),
                "--build-arg", "LIBTORCH_FLAVOR=cpu");
        REPORT.put("image builds (base, stand-ins, 5 services, CUDA trainer)", seconds(buildStart));
        REPORT.put("image sizes", podman.run(Duration.ofMinutes(1), "images", "--format", "{{.Repository}}:{{.Tag}} {{.Size}}")
                .lines().filter(line -> line.contains(":" + TAG) || line.contains("standin") || line.contains("temurin"))
                .reduce("", (a, b) -> a + "\n    " + b));

        ports = new LinkedHashMap<>();
        for (String port : List.of("GALLERY", "INGEST", "TRAINER", "METRICS", "CRITIC", "KAFKA", "S3")) {
            ports.put(port, FreePorts.find());
        }
        Map<String, String> variables = new HashMap<>(JAVA_OPTIONS);
        variables.put("AEGAN_VERSION", TAG);
        variables.put("AEGAN_S3_ACCESS_KEY", "aegan-it");
        variables.put("AEGAN_S3_SECRET_KEY", UUID.randomUUID().toString());
        variables.put("AEGAN_AUTH_TOKENS", TOKENS.config());
        KAFKA_PASSWORDS.forEach((principal, password) -> variables.put(ComposeKafkaAccess.passwordVariable(principal), password));
        ports.forEach((name, port) -> variables.put("AEGAN_" + name + "_PORT", String.valueOf(port)));
        project = new ComposeProject(REPOSITORY, "aegan" + TAG.replace("-", ""),
                List.of("docker-compose.yml", "containers/standins/docker-compose.standins.yml"), variables, podman);
        podman.runHealthChecks(project.name() + "_");

        Instant up = Instant.now();
        project.compose("up", "-d");
        project.awaitHealthy(PATIENCE, SERVICES);
        REPORT.put("cold up to all services healthy", seconds(up));
        MEMORY_SAMPLER.scheduleWithFixedDelay(ComposeSystemIT::sampleMemory, 0, 10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void removeEverything() {
        try {
            MEMORY_SAMPLER.shutdownNow();
            if (project != null) {
                REPORT.put("peak memory per container (every 10 s)", PEAK_MEMORY.toString());
                project.compose("down", "-v", "--timeout", "30");
            }
        } finally {
            if (podman != null) {
                List<List<String>> removals = new ArrayList<>();
                SERVICES.forEach(service -> removals.add(List.of("rmi", "-f", "aegan/" + module(service) + ":" + TAG)));
                removals.add(List.of("rmi", "-f", "aegan/trainer-service:" + TAG + "-cuda"));
                removals.add(List.of("image", "prune", "-f"));
                for (List<String> removal : removals) {
                    try {
                        podman.run(Duration.ofMinutes(2), removal.toArray(String[]::new));
                    } catch (IllegalStateException e) {
                        System.err.println("[compose] " + e.getMessage());
                    }
                }
                podman.close();
            }
            REPORT.put("scenario wall time", seconds(STARTED));
            REPORT.forEach((key, value) -> System.out.println("[compose] " + key + ": " + value));
        }
    }

    @Test
    @Order(1)
    void theCudaImageTrainsThroughItsLibtorchPath() {
        String output = podman.run(Duration.ofMinutes(3), "run", "--rm", "--read-only", "--tmpfs", "/tmp",
                "--entrypoint", "java", "aegan/trainer-service:" + TAG + "-cuda", "-Dai.djl.offline=true",
                "-cp", "/deployments/lib/main/*", "dev.aegan.models.runtime.EngineCheck", "vae", "1");
        assertTrue(output.contains("libtorch 2.7.1 from /opt/libtorch/lib"), output);
        assertTrue(output.contains("vae step 1 on cpu()"), output);
    }

    @Test
    @Order(2)
    void theServicesCreatedEveryTopicAsDefinedOnTheEmptyBroker() throws Exception {
        try (Admin admin = Admin.create(kafkaAs(SUPER_USER).forClient(Map.of()))) {
            var described = admin.describeTopics(Topics.ALL).allTopicNames().get();
            var configs = admin.describeConfigs(Topics.ALL.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList()).all().get();
            StringBuilder created = new StringBuilder();
            for (TopicDefinition definition : TopicDefinitions.ALL) {
                assertEquals(definition.partitions(), described.get(definition.name()).partitions().size(), definition.name());
                Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, definition.name()));
                definition.configs().forEach((key, value) ->
                        assertEquals(value, actual.get(key).value(), definition.name() + " " + key));
                created.append("\n    ").append(definition.name()).append(": partitions ")
                        .append(described.get(definition.name()).partitions().size());
                definition.configs().keySet().forEach(key -> created.append(", ").append(key).append('=')
                        .append(actual.get(key).value()));
            }
            REPORT.put("topics as created", created.toString());
        }
        try (Admin anonymous = Admin.create(KafkaClientSettings.bootstrap(kafka()).forClient(Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000)))) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> anonymous.describeTopics(Topics.ALL).allTopicNames().get());
            // the SASL listener closes a connection that skips authentication: the client never gets an answer
            assertInstanceOf(TimeoutException.class, refused.getCause());
        }
    }

    @Test
    @Order(3)
    void uploadTrainRestartTheTrainerJudgeAndWatchInTheGallery() throws Exception {
        given().baseUri(url("INGEST")).auth().oauth2(TOKENS.trainer())
                .multiPart("files", "train-images-idx3-ubyte.gz", FashionMnistSample.images(IMAGES))
                .multiPart("files", "train-labels-idx1-ubyte.gz", FashionMnistSample.labels(IMAGES))
                .when().post("/datasets/" + DATASET)
                .then().statusCode(equalTo(201));
        runId = given().baseUri(url("TRAINER")).auth().oauth2(TOKENS.trainer()).contentType(ContentType.JSON)
                .body("""
                        {"model": "vae", "dataset": "%s", "seed": 3, "steps": 300, "batchSize": 32,
                         "checkpointEvery": 50}""".formatted(DATASET))
                .when().post("/runs")
                .then().statusCode(equalTo(202))
                .extract().path("runId");

        // as a user's own client would, through the published listener
        KafkaClientSettings kafka = kafkaAs(PlatformAccess.USER.principal());
        try (var runEvents = new TopicWatcher<>(kafka, Topics.RUN_EVENTS, RunEvent.class);
             var checkpoints = new TopicWatcher<>(kafka, Topics.CHECKPOINTS, CheckpointEvent.class);
             var evaluations = new TopicWatcher<>(kafka, Topics.EVALUATIONS, EvaluationEvent.class)) {
            CheckpointEvent beforeRestart = checkpoints.await(e -> e.runId().equals(runId) && !e.last(), PATIENCE,
                    "a first checkpoint of " + runId);
            project.compose("restart", "trainer");
            RunEvent resumed = runEvents.await(e -> e.runId().equals(runId) && e.state() == RunEvent.State.resumed,
                    PATIENCE, "the run resumed after the trainer's restart");
            assertTrue(resumed.step() >= beforeRestart.step(), "resumed at " + resumed.step()
                    + " although checkpoint " + beforeRestart.step() + " existed");
            runEvents.await(e -> e.runId().equals(runId) && e.state() == RunEvent.State.finished, PATIENCE,
                    "the resumed run to finish");
            assertEquals(300, checkpoints.await(e -> e.runId().equals(runId) && e.last(), PATIENCE, "final checkpoint").step());

            for (String producer : List.of("metrics-service", "critic-service")) {
                EvaluationEvent evaluation = evaluations.await(e -> e.runId().equals(runId) && producer.equals(e.producer()),
                        PATIENCE, "an evaluation of " + runId + " by " + producer);
                assertTrue(Double.isFinite(evaluation.value()), evaluation.toString());
            }
        }

        GalleryRunPage.awaitGrids(url("GALLERY"), runId, PATIENCE, "compose-gallery.png");
    }

    @Test
    @Order(4)
    void downAndUpKeepEveryDatasetRunAndCheckpointExactlyOnce() {
        project.compose("down", "--timeout", "90");
        Instant up = Instant.now();
        project.compose("up", "-d");
        project.awaitHealthy(PATIENCE, SERVICES);
        REPORT.put("warm up (volumes kept) to all services healthy", seconds(up));

        List<String> datasets = given().baseUri(url("GALLERY")).get("/api/datasets").then().statusCode(200)
                .extract().jsonPath().getList("name");
        assertEquals(1, datasets.stream().filter(DATASET::equals).count(), "datasets: " + datasets);
        List<String> runs = given().baseUri(url("GALLERY")).get("/api/runs").then().statusCode(200)
                .extract().jsonPath().getList("runId");
        assertEquals(List.of(runId), runs);
        given().baseUri(url("GALLERY")).get("/api/runs/" + runId).then().statusCode(200)
                .body("state", equalTo("finished")).body("step", equalTo(300));
        List<Integer> steps = given().baseUri(url("GALLERY")).get("/api/runs/" + runId + "/checkpoints")
                .then().statusCode(200).extract().jsonPath().getList("step", Integer.class);
        assertEquals(steps.size(), Set.copyOf(steps).size(), "each checkpoint once: " + steps);
        // the restarted trainer checkpointed where it stopped, between the scheduled ones
        assertTrue(steps.containsAll(List.of(50, 100, 150, 200, 250, 300)), "checkpoints: " + steps);
        List<String> trainerRuns = given().baseUri(url("TRAINER")).get("/runs").then().statusCode(200)
                .extract().jsonPath().getList("runId");
        assertEquals(List.of(runId), trainerRuns);
    }

    private static void sampleMemory() {
        try {
            project.memoryUsage().forEach((container, usage) -> PEAK_MEMORY.merge(container, usage,
                    (before, now) -> mebibytes(now) > mebibytes(before) ? now : before));
        } catch (RuntimeException e) {
            System.err.println("[compose] memory sample: " + e.getMessage());
        }
    }

    private static double mebibytes(String usage) {
        String used = usage.split("/")[0].trim();
        double value = Double.parseDouble(used.replaceAll("[^0-9.]", ""));
        return used.endsWith("GB") || used.endsWith("GiB") ? value * 1024 : used.endsWith("kB") || used.endsWith("KiB")
                ? value / 1024 : value;
    }

    /**
     * The CPU libtorch of DJL's pytorch-native-cpu jar, laid out as pytorch.org lays out its archives
     * ({@code libtorch/lib/}): it stands in for the CUDA archive, through the same build argument.
     */
    private static Path libtorchArchiveFromDjlNativeJar() throws IOException {
        Path libraries = REPOSITORY.resolve("trainer-service/target/quarkus-app/lib/main");
        Path jar;
        try (var files = Files.list(libraries)) {
            jar = files.filter(f -> f.getFileName().toString().startsWith("ai.djl.pytorch.pytorch-native-cpu-"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no pytorch-native-cpu jar in " + libraries));
        }
        Path archive = REPOSITORY.resolve("trainer-service/target/libtorch-cpu-2.7.1.zip");
        try (InputStream in = Files.newInputStream(jar); ZipInputStream source = new ZipInputStream(in);
             OutputStream out = Files.newOutputStream(archive); ZipOutputStream target = new ZipOutputStream(out)) {
            for (ZipEntry entry; (entry = source.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith("pytorch/cpu/linux-x86_64/")) {
                    target.putNextEntry(new ZipEntry("libtorch/lib/" + name.substring(name.lastIndexOf('/') + 1)));
                    source.transferTo(target);
                    target.closeEntry();
                }
            }
        }
        return archive;
    }

    private static Map<String, String> kafkaPasswords() {
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(SUPER_USER, UUID.randomUUID().toString().replace("-", ""));
        PlatformAccess.ALL.forEach(access -> passwords.put(access.principal(), UUID.randomUUID().toString().replace("-", "")));
        return passwords;
    }

    private static String kafka() {
        return "localhost:" + ports.get("KAFKA");
    }

    /** Principal {@code principal} on the published listener, with SCRAM-SHA-512. */
    private static KafkaClientSettings kafkaAs(String principal) {
        return KafkaClientSettings.bootstrap(kafka()).with(Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + principal + "\" password=\"" + KAFKA_PASSWORDS.get(principal) + "\";"));
    }

    private static String url(String port) {
        return "http://127.0.0.1:" + ports.get(port);
    }

    private static String module(String service) {
        return service + "-service";
    }

    private static String seconds(Instant since) {
        return Duration.between(since, Instant.now()).toSeconds() + " s";
    }

    private static void run(Map<String, String> environment, String... command) {
        System.out.println(Command.run(REPOSITORY, environment, BUILD_TIMEOUT, List.of(command)));
    }
}
