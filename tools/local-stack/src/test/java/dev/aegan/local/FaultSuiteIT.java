package dev.aegan.local;

import dev.aegan.contracts.DeadLetterHeaders;
import dev.aegan.contracts.IngestHeaders;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.dataset.ImageBatchCodec;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.infra.Await;
import dev.aegan.infra.EmbeddedS3;
import dev.aegan.infra.LocalInfraProcess;
import dev.aegan.infra.RecordPublisher;
import dev.aegan.store.ArtifactStore;
import dev.aegan.store.S3Settings;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults at bad moments on the real stack, then exact counts. Each service is killed with SIGKILL
 * at a moment reached by an observable condition (an uncommitted record on a topic, an S3 object, a
 * log line), never by a sleep; the broker and S3 are frozen with SIGSTOP for longer than the
 * consumers' session timeout (10 s here), which revokes every consumer group. Afterwards every
 * accepted image is in {@code datasets.batches} once, every checkpoint and training metrics event
 * appears once per (run, step), every evaluation once per (run, step, metric, extractor, producer), and
 * the gallery's series and counts equal what the topics hold.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {
    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    private static final String SMALL = "fault-small";
    private static final String LARGE = "fault-large";
    private static final int SMALL_IMAGES = 1000;
    private static final int LARGE_IMAGES = 30_000;
    private static final int GARBAGE_RECORDS = 3;
    private static final String RUN = "fault-run";
    private static final int STEPS = 240;
    private static final int CHECKPOINT_EVERY = 20;
    private static final Map<String, String> REPORT = new LinkedHashMap<>();

    private static LocalInfraProcess infra;
    private static LocalStack stack;
    private static ArtifactStore store;
    private static final Map<String, Long> acceptedImages = new LinkedHashMap<>();

    @BeforeAll
    static void startStack() throws Exception {
        Path work = Files.createTempDirectory("aegan-faults-");
        Files.createDirectories(work.resolve("logs"));
        infra = LocalInfraProcess.start(work.resolve("s3"), work.resolve("logs").resolve("infra.log"));
        stack = LocalStack.start(Path.of("../..").toAbsolutePath().normalize(), work, infra, false, List.of(
                "-Dkafka.session.timeout.ms=" + SESSION_TIMEOUT.toMillis(),
                "-Dkafka.heartbeat.interval.ms=2000",
                "-Daegan.metrics.generation-samples=300",
                "-Daegan.metrics.reconstruction-images=64",
                "-Daegan.metrics.diversity-pairs=300",
                "-Daegan.metrics.kid-subsets=10",
                "-Daegan.metrics.kid-subset-size=100",
                "-Daegan.metrics.memorisation-samples=300",
                "-Daegan.metrics.memorisation-training-images=600",
                "-Daegan.metrics.classifier.steps=100",
                "-Daegan.critic.updates-per-checkpoint=20",
                "-Dai.djl.pytorch.num_threads=1"));
        store = new ArtifactStore(new S3Settings() {
            public String endpoint() { return stack.s3Endpoint(); }
            public String accessKey() { return EmbeddedS3.ACCESS_KEY; }
            public String secretKey() { return EmbeddedS3.SECRET_KEY; }
            public String region() { return "us-east-1"; }
        });
        acceptedImages.put(SMALL, upload(SMALL, SMALL_IMAGES).join().orElseThrow());
        try (RecordPublisher publisher = new RecordPublisher(stack.bootstrapServers())) {
            for (int i = 0; i < GARBAGE_RECORDS; i++) {
                publisher.send(Topics.INGEST_IMAGES, "garbage-" + i, ("not an image " + i).getBytes(StandardCharsets.UTF_8),
                        Map.of(IngestHeaders.DATASET, SMALL));
            }
        }
    }

    @AfterAll
    static void stopStack() throws Exception {
        REPORT.forEach((fault, result) -> System.out.printf("[faults] %-45s %s%n", fault, result));
        if (store != null) {
            store.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void ingestKilledMidUpload() throws Exception {
        CompletableFuture<java.util.Optional<Long>> first = upload(LARGE, LARGE_IMAGES);
        Await.until("an uncommitted batch of " + LARGE + " on " + Topics.DATASET_BATCHES, PATIENCE, () ->
                TopicRecords.all(stack.bootstrapServers(), Topics.DATASET_BATCHES, false).stream()
                        .anyMatch(r -> LARGE.equals(r.key())) ? true : null);
        boolean midUpload = !first.isDone();
        stack.process(Service.INGEST).kill();
        java.util.Optional<Long> firstResult = first.join();
        assertTrue(midUpload && firstResult.isEmpty(), "the kill came while the upload was still open");
        stack.restart(Service.INGEST);
        acceptedImages.put(LARGE, upload(LARGE, LARGE_IMAGES).join().orElseThrow());
        REPORT.put("ingest SIGKILL mid-upload (uncommitted batch seen)", "upload retried and accepted");
    }

    @Test
    @Order(2)
    void trainerKilledMidCheckpointWrite() {
        given().baseUri(stack.url(Service.TRAINER)).auth().oauth2(stack.apiTokens().trainer())
                .contentType(ContentType.JSON)
                .body("""
                        {"runId": "%s", "model": "vae", "dataset": "%s", "seed": 7, "steps": %d, "batchSize": 32,
                         "checkpointEvery": %d, "judging": "every"}""".formatted(RUN, SMALL, STEPS, CHECKPOINT_EVERY))
                .when().post("/runs").then().statusCode(202);
        // Past the first checkpoint, so the restarted trainer resumes from one its predecessor announced.
        String partial = Await.until("a checkpoint of " + RUN + " with objects written and no manifest yet, after a "
                + "complete one", PATIENCE, () -> {
                    Map<String, List<String>> byStep = store.list("checkpoints", RUN + "/step-").stream()
                            .collect(Collectors.groupingBy(key -> key.substring(0, key.indexOf('/', RUN.length() + 1)),
                                    TreeMap::new, Collectors.toList()));
                    List<String> incomplete = byStep.entrySet().stream()
                            .filter(e -> e.getValue().stream().noneMatch(k -> k.endsWith("/checkpoint.json")))
                            .map(Map.Entry::getKey).toList();
                    return incomplete.isEmpty() || incomplete.size() == byStep.size() ? null : incomplete.get(0);
                });
        stack.process(Service.TRAINER).kill();
        stack.restart(Service.TRAINER);
        REPORT.put("trainer SIGKILL mid-checkpoint-write", "killed with " + partial + " half written");
    }

    @Test
    @Order(3)
    void metricsKilledMidJudging() {
        killWhileJudging(Service.METRICS);
    }

    @Test
    @Order(4)
    void criticKilledMidJudging() {
        killWhileJudging(Service.CRITIC);
    }

    @Test
    @Order(5)
    void galleryKilledMidReplay() {
        ServiceProcess gallery = stack.process(Service.GALLERY);
        int attempts = 0;
        boolean caughtReplaying = false;
        while (!caughtReplaying && attempts++ < 10) {
            gallery.kill();
            gallery.start();
            String readiness = Await.until("the restarted gallery answering its readiness check", PATIENCE,
                    () -> readinessAnswer(Service.GALLERY)).body();
            caughtReplaying = readiness.contains("\"replaying\"");
        }
        assertTrue(caughtReplaying, "the gallery was seen replaying its topics in one of " + attempts + " starts");
        gallery.kill();
        stack.restart(Service.GALLERY);
        REPORT.put("gallery SIGKILL mid-replay (readiness: replaying)", "killed on start " + attempts
                + ", restarted, ready once replayed");
    }

    @Test
    @Order(6)
    void brokerAndS3FrozenLongerThanTheSessionTimeout() {
        Instant frozen = Instant.now();
        infra.freeze();
        try {
            for (Service service : Service.values()) {
                Await.until(service.module() + " reporting not ready while the broker and S3 are frozen", PATIENCE,
                        () -> readiness(service) != 200 ? true : null);
            }
            Await.until("the freeze outlasting the session timeout", PATIENCE, () ->
                    Duration.between(frozen, Instant.now()).compareTo(SESSION_TIMEOUT.multipliedBy(2)) > 0 ? true : null);
        } finally {
            infra.thaw();
        }
        for (Service service : Service.values()) {
            Await.until(service.module() + " ready again", PATIENCE, () -> readiness(service) == 200 ? true : null);
        }
        REPORT.put("broker+S3 SIGSTOP " + Duration.between(frozen, Instant.now()).toSeconds() + " s",
                "all five not ready while frozen, ready after");
    }

    @Test
    @Order(7)
    void afterwardsEveryRecordIsThereOnceAndTheGalleryAgreesWithTheTopics() {
        String bootstrap = stack.bootstrapServers();
        List<CheckpointEvent> checkpoints = Await.until("the final checkpoint of " + RUN, PATIENCE, () -> {
            List<CheckpointEvent> announced = events(bootstrap, Topics.CHECKPOINTS, CheckpointEvent.class).stream()
                    .filter(e -> e.runId().equals(RUN)).toList();
            return announced.stream().anyMatch(CheckpointEvent::last) ? announced : null;
        });
        List<Long> checkpointSteps = checkpoints.stream().map(CheckpointEvent::step).sorted().toList();
        assertNoDuplicates(checkpointSteps, Object::toString, "checkpoint events of " + RUN + " per step");
        for (long step = CHECKPOINT_EVERY; step <= STEPS; step += CHECKPOINT_EVERY) {
            // a run that let go in a rebalance adds a checkpoint between these; none may be missing
            assertTrue(checkpointSteps.contains(step), "a checkpoint event of " + RUN + " at step " + step + ": "
                    + checkpointSteps);
        }
        Await.until("every evaluation of every checkpoint of " + RUN, Duration.ofMinutes(8), () -> {
            List<EvaluationEvent> evaluations = events(bootstrap, Topics.EVALUATIONS, EvaluationEvent.class);
            long judged = evaluations.stream().filter(e -> e.runId().equals(RUN))
                    .map(e -> e.producer() + "@" + e.step()).distinct().count();
            return judged >= 2L * checkpointSteps.size() ? true : null;
        });

        for (Map.Entry<String, Long> dataset : acceptedImages.entrySet()) {
            long inBatches = TopicRecords.all(bootstrap, Topics.DATASET_BATCHES, true).stream()
                    .filter(r -> dataset.getKey().equals(r.key()))
                    .mapToLong(r -> ImageBatchCodec.decode(r.value()).count()).sum();
            assertEquals(dataset.getValue(), inBatches, "images of " + dataset.getKey() + " in datasets.batches");
        }

        List<EvaluationEvent> evaluations = events(bootstrap, Topics.EVALUATIONS, EvaluationEvent.class).stream()
                .filter(e -> e.runId().equals(RUN)).toList();
        assertNoDuplicates(evaluations, e -> e.step() + "/" + e.metric() + "/" + e.extractor() + "/" + e.producer(),
                "evaluations per (run, step, metric, extractor, producer)");

        JsonPath galleryEvaluations = galleryJson("/api/runs/" + RUN + "/evaluations");
        assertEquals(evaluations.size(), galleryEvaluations.getList("$").size(), "the gallery's evaluations of " + RUN);

        List<TrainingMetricEvent> metrics = events(bootstrap, Topics.TRAINING_METRICS, TrainingMetricEvent.class).stream()
                .filter(e -> e.runId().equals(RUN)).toList();
        assertNoDuplicates(metrics, e -> String.valueOf(e.step()), "training metrics events of " + RUN + " per step");
        Map<String, TreeSet<Long>> stepsByQuantity = new LinkedHashMap<>();
        for (TrainingMetricEvent metric : metrics) {
            metric.values().keySet().forEach(name ->
                    stepsByQuantity.computeIfAbsent(name, n -> new TreeSet<>()).add(metric.step()));
        }
        JsonPath series = galleryJson("/api/runs/" + RUN + "/metrics");
        List<Map<String, Object>> galleryseries = series.getList("series");
        assertEquals(stepsByQuantity.keySet(), galleryseries.stream().map(s -> (String) s.get("name"))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new)), "the gallery's series of " + RUN);
        for (Map<String, Object> one : galleryseries) {
            List<Long> steps = ((List<?>) one.get("steps")).stream().map(s -> ((Number) s).longValue()).toList();
            assertEquals(List.copyOf(stepsByQuantity.get((String) one.get("name"))), steps,
                    "one point per step in the gallery's series " + one.get("name"));
        }

        long deadLetters = TopicRecords.all(bootstrap, Topics.INGEST_DEAD_LETTER, true).stream()
                .filter(r -> SMALL.equals(header(r, IngestHeaders.DATASET)))
                .filter(r -> header(r, DeadLetterHeaders.REASON_CODE) != null).count();
        assertEquals(GARBAGE_RECORDS, deadLetters, "dead letters of " + SMALL);
        JsonPath datasets = galleryJson("/api/datasets");
        assertEquals(deadLetters, ((Number) datasets.get("find { it.name == '" + SMALL + "' }.rejected")).longValue(),
                "the gallery's rejection count of " + SMALL);
        REPORT.put("afterwards", acceptedImages + " images once each; " + checkpoints.size() + " checkpoint events, "
                + metrics.size() + " training metrics events, "
                + evaluations.size() + " evaluations, " + stepsByQuantity.size() + " series, " + deadLetters
                + " dead letters: each once, gallery equal");
    }

    private static void killWhileJudging(Service service) {
        ServiceProcess process = stack.process(service);
        var judging = new LogLines(process.log()).await(Pattern.compile("judging checkpoint (\\S+)@(\\d+)"), PATIENCE,
                service.module() + " starting to judge a checkpoint");
        process.kill();
        stack.restart(service);
        REPORT.put(service.module() + " SIGKILL mid-judging", "killed judging " + judging.group(1) + "@" + judging.group(2));
    }

    private static CompletableFuture<java.util.Optional<Long>> upload(String dataset, int images) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                String boundary = "fault-" + dataset;
                byte[] body = multipart(boundary, FashionMnistSample.images(images), FashionMnistSample.labels(images));
                HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                                URI.create(stack.url(Service.INGEST) + "/datasets/" + dataset))
                        .header("Authorization", "Bearer " + stack.apiTokens().trainer())
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 201) {
                    throw new IllegalStateException("upload of " + dataset + " answered " + answer.statusCode() + ": "
                            + answer.body());
                }
                Map<String, Object> accepted = JsonPath.from(answer.body()).getMap("accepted");
                return java.util.Optional.of(accepted.values().stream().mapToLong(v -> ((Number) v).longValue()).sum());
            } catch (java.io.IOException e) {
                return java.util.Optional.<Long>empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static byte[] multipart(String boundary, byte[] images, byte[] labels) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> file : Map.of("train-images-idx3-ubyte.gz", images,
                "train-labels-idx1-ubyte.gz", labels).entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                    + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.getValue());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** The readiness answer once the service answers at all; null while it does not listen. */
    private static HttpResponse<String> readinessAnswer(Service service) {
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create(stack.url(service) + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int readiness(Service service) {
        HttpResponse<String> answer = readinessAnswer(service);
        return answer == null ? -1 : answer.statusCode();
    }

    private static JsonPath galleryJson(String path) {
        return given().baseUri(stack.url(Service.GALLERY)).when().get(path).then().statusCode(200).extract().jsonPath();
    }

    private static <T> List<T> events(String bootstrap, String topic, Class<T> type) {
        return TopicRecords.all(bootstrap, topic, true).stream().map(r -> EventJson.read(r.value(), type)).toList();
    }

    private static <T> void assertNoDuplicates(Collection<T> items, Function<T, String> identity, String what) {
        Map<String, Long> counts = items.stream().collect(Collectors.groupingBy(identity, Collectors.counting()));
        List<String> twice = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        assertTrue(twice.isEmpty(), what + ": published more than once: " + twice);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(Objects.requireNonNull(header.value()), StandardCharsets.UTF_8);
    }
}
