package dev.aegan.critic;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.StoredObject;
import dev.aegan.critic.judge.CriticJudge;
import dev.aegan.evaluation.metrics.MetricNames;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.judging.testing.JudgingPlatform;
import dev.aegan.models.core.ImageShape;
import dev.aegan.store.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The critic service end to end on a real broker and S3 server: checkpoints in, critic estimates
 * out on the evaluations topic, the critic carried from one checkpoint of a run to the next.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class CriticServiceTest {
    private static final ImageShape SHAPE = new ImageShape(1, 28, 28);
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    /** {@code %test.aegan.critic.updates-per-checkpoint} in application.properties. */
    private static final int UPDATES = 60;
    private static final Set<String> METRICS = Set.of(MetricNames.CRITIC_NEGATIVE_WASSERSTEIN,
            MetricNames.CRITIC_NEGATIVE_WASSERSTEIN_FIT, MetricNames.CRITIC_GENERALISATION_GAP);

    @Inject
    ArtifactStore store;

    @TestHTTPResource("/")
    URI root;

    @Test
    void eachCheckpointGetsTheCriticsEstimatesAndTheCriticCarriesOnAcrossCheckpoints() {
        String dataset = "critic-e2e";
        RunSpec spec = JudgingPlatform.spec("critic-run", dataset);
        try (JudgingPlatform platform = new JudgingPlatform(store)) {
            platform.publishImages(dataset, Split.HELDOUT, SHAPE, IntStream.range(0, 64).map(i -> i * 4).toArray());
            platform.publishDatasetEvent(dataset, DatasetEvent.Type.created, SHAPE, 0, 64);
            platform.publishCheckpoint(spec, 1, JudgingPlatform.trainedVaeSnapshot(SHAPE, 1));
            List<EvaluationEvent> first = awaitEstimates(platform, spec.runId(), 1);
            given().get("/critics/" + spec.runId()).then().statusCode(200)
                    .body("lastStep", equalTo(1)).body("updates", equalTo(UPDATES));

            platform.publishCheckpoint(spec, 2, JudgingPlatform.trainedVaeSnapshot(SHAPE, 2));
            List<EvaluationEvent> second = awaitEstimates(platform, spec.runId(), 2);
            given().get("/critics/" + spec.runId()).then().statusCode(200)
                    .body("lastStep", equalTo(2)).body("updates", equalTo(2 * UPDATES));

            for (EvaluationEvent e : concat(first, second)) {
                assertTrue(Double.isFinite(e.value()), e.toString());
                assertEquals(CriticJudge.EXTRACTOR, e.extractor());
                assertEquals("critic-service", e.producer());
            }
            Map<String, Double> values = byMetric(second);
            assertEquals(values.get(MetricNames.CRITIC_NEGATIVE_WASSERSTEIN) - values.get(MetricNames.CRITIC_NEGATIVE_WASSERSTEIN_FIT),
                    values.get(MetricNames.CRITIC_GENERALISATION_GAP), 1e-9, "gap = W(fit half) - W(test half)");
            given().queryParam("runId", spec.runId()).get("/evaluations").then().statusCode(200)
                    .body("size()", equalTo(6));
        }
    }

    @Test
    void aCheckpointWithAMissingObjectIsSkippedWithItsReasonAndLaterOnesAreStillJudged() {
        String dataset = "critic-skip";
        RunSpec spec = JudgingPlatform.spec("critic-skip-run", dataset);
        try (JudgingPlatform platform = new JudgingPlatform(store)) {
            platform.publishImages(dataset, Split.HELDOUT, SHAPE, IntStream.range(0, 16).map(i -> i * 16).toArray());
            platform.publishDatasetEvent(dataset, DatasetEvent.Type.created, SHAPE, 0, 16);
            platform.sendEvent(Topics.CHECKPOINTS, spec.runId(), new CheckpointEvent(CheckpointEvent.SCHEMA,
                    spec.runId(), 1, false, spec, JudgingPlatform.CHECKPOINT_BUCKET,
                    List.of(new StoredObject(spec.runId() + "/step-00000001/training-state.json", 10, "0".repeat(64))),
                    Instant.now()));
            platform.publishCheckpoint(spec, 2, JudgingPlatform.trainedVaeSnapshot(SHAPE, 1));
            awaitEstimates(platform, spec.runId(), 2);
            given().get("/evaluations/skipped").then().statusCode(200)
                    .body("find { it.runId == 'critic-skip-run' }.reason", equalTo("MISSING_OBJECT"));
        }
        given().get("/critics/no-such-run").then().statusCode(404).body("code", equalTo("CRITIC_NOT_FOUND"));
    }

    private static List<EvaluationEvent> awaitEstimates(JudgingPlatform platform, String runId, long step) {
        return JudgingPlatform.await("critic estimates of " + runId + "@" + step, TIMEOUT, () -> {
            List<EvaluationEvent> found = platform.evaluationsOnTopic().stream()
                    .filter(e -> e.runId().equals(runId) && e.step() == step && "critic-service".equals(e.producer()))
                    .toList();
            return found.stream().map(EvaluationEvent::metric).collect(Collectors.toSet()).equals(METRICS) ? found : null;
        });
    }

    private static Map<String, Double> byMetric(List<EvaluationEvent> events) {
        return events.stream().collect(Collectors.toMap(EvaluationEvent::metric, EvaluationEvent::value));
    }

    private static List<EvaluationEvent> concat(List<EvaluationEvent> a, List<EvaluationEvent> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    /** A run id no run can have is refused with its code before it reaches the store, however it is written. */
    @Test
    void aRunIdThatIsNoKeySegmentIsRefusedWith400() throws Exception {
        given().urlEncodingEnabled(false).get("/critics/..%2F..").then().statusCode(400)
                .body("code", equalTo("INVALID_RUN_ID"))
                .body("message", containsString("runId '../..' is not a valid run id"));
        given().queryParam("runId", "../x").get("/evaluations").then().statusCode(400)
                .body("code", equalTo("INVALID_RUN_ID"))
                .body("message", containsString("runId '../x'"));
        // A literal dot segment is resolved by the HTTP server (/critics/.. is /), so it names no run: 404 as JSON.
        HttpResponse<String> dots = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(root + "critics/..")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, dots.statusCode(), dots.body());
        assertTrue(dots.body().contains("\"NOT_FOUND\""), dots.body());
    }
}
