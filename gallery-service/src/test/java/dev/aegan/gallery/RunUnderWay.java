package dev.aegan.gallery;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.JudgingLag;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.models.core.ImageShape;
import dev.aegan.store.ArtifactStore;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * What a researcher watches the run page in, on a real VAE trained in the test as a trainer would: the
 * run two checkpoints into its three, each judged by the metrics service (two metrics) and the critic
 * (one), each judge behind the trainer by a lag; the run in a sweep whose two other runs still wait in
 * the queue. Published once per broker, by whichever test asks first; the gallery has applied all of it
 * (grids drawn) when {@link #on} returns.
 */
final class RunUnderWay {
    static final String DATASET = "run-page-data";
    static final String GROUP = "run-page-sweep";
    static final int FIRST_CHECKPOINT = 60;
    static final int SECOND_CHECKPOINT = 120;
    static final int STEPS = 180;
    /** The columns of the evaluations: metric|extractor, as the page keys its charts. */
    static final List<String> METRICS = List.of("critic_negative_wasserstein|pixels", "fid|classifier",
            "reconstruction_mse|pixels");
    static final List<String> JUDGES = List.of("critic-service", "metrics-service");

    private static final ImageShape SHAPE = new ImageShape(1, TestImages.SIDE, TestImages.SIDE);
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int TRAIN = 512;
    private static final int HELD_OUT = 64;
    private static final int BATCH = 32;
    private static final Map<String, RunUnderWay> PUBLISHED = new HashMap<>();

    final RunSpec run;
    /** The sweep's runs still queued, in the order they were queued. */
    final List<RunSpec> waiting;

    private RunUnderWay(RunSpec run, List<RunSpec> waiting) {
        this.run = run;
        this.waiting = waiting;
    }

    static synchronized RunUnderWay on(ArtifactStore store, String bootstrapServers) {
        return PUBLISHED.computeIfAbsent(bootstrapServers, servers -> publish(store, servers));
    }

    private static RunSpec spec(String runId, double learningRate) {
        return new RunSpec(RunSpec.SCHEMA, runId, GROUP, "vae", DATASET, 7, STEPS, BATCH, FIRST_CHECKPOINT,
                Map.of("latentDim", 16, "learningRate", learningRate));
    }

    private static RunUnderWay publish(ArtifactStore store, String bootstrapServers) {
        RunSpec run = spec("run-page-vae", 0.004);
        List<RunSpec> waiting = List.of(spec("run-page-vae-slower", 0.002), spec("run-page-vae-slowest", 0.001));
        byte[] images = TestImages.load(TRAIN + HELD_OUT);
        int size = SHAPE.pixelsPerImage();
        byte[] train = Arrays.copyOfRange(images, 0, TRAIN * size);
        try (TestPlatform platform = new TestPlatform(store, bootstrapServers);
             TrainingRun training = new TrainingRun(run.model(), SHAPE, train, BATCH, run.hyperparameters(),
                     run.seed())) {
            platform.publishImages(DATASET, Split.TRAIN, SHAPE, train);
            platform.publishImages(DATASET, Split.HELDOUT, SHAPE, Arrays.copyOfRange(images, TRAIN * size,
                    (TRAIN + HELD_OUT) * size));
            platform.publishDatasetEvent(DATASET, DatasetEvent.Type.created, SHAPE, TRAIN, HELD_OUT);
            platform.sendEvent(Topics.RUN_EVENTS, run.runId(), RunEvent.of(run, RunEvent.State.queued, 0, null));
            platform.sendEvent(Topics.RUN_EVENTS, run.runId(), RunEvent.of(run, RunEvent.State.running, 0, null));
            for (RunSpec queued : waiting) {
                platform.sendEvent(Topics.RUN_EVENTS, queued.runId(), RunEvent.of(queued, RunEvent.State.queued, 0, null));
            }
            for (int checkpoint : new int[] {FIRST_CHECKPOINT, SECOND_CHECKPOINT}) {
                platform.publishSteps(training, run, FIRST_CHECKPOINT, 2000.0);
                platform.publishCheckpoint(run, checkpoint, false, training.snapshot());
                platform.sendEvent(Topics.RUN_EVENTS, run.runId(),
                        RunEvent.of(run, RunEvent.State.checkpointed, checkpoint, null));
            }
            // the first checkpoint judged when the second was out already, the second as soon as it was out
            judge(platform, run, FIRST_CHECKPOINT, 1.0, new JudgingLag(60, 41.5), new JudgingLag(60, 88.0));
            judge(platform, run, SECOND_CHECKPOINT, 0.7, new JudgingLag(0, 4.2), new JudgingLag(0, 12.5));
        }
        awaitApplied(run, waiting);
        return new RunUnderWay(run, waiting);
    }

    private static void judge(TestPlatform platform, RunSpec run, int step, double scale, JudgingLag metricsLag,
                              JudgingLag criticLag) {
        Map<String, Double> metrics = Map.of("fid|classifier", 85.0 * scale, "reconstruction_mse|pixels", 0.031 * scale);
        metrics.forEach((column, value) -> platform.sendEvent(Topics.EVALUATIONS, run.runId(), evaluation(run, step,
                column, value, "metrics-service", metricsLag)));
        platform.sendEvent(Topics.EVALUATIONS, run.runId(), evaluation(run, step, "critic_negative_wasserstein|pixels",
                0.9 * scale, "critic-service", criticLag));
    }

    private static EvaluationEvent evaluation(RunSpec run, int step, String column, double value, String producer,
                                              JudgingLag lag) {
        String[] metric = column.split("\\|");
        return new EvaluationEvent(EvaluationEvent.SCHEMA, run.runId(), run.group(), step, metric[0], value, metric[1],
                HELD_OUT, producer, Instant.now()).withLag(lag);
    }

    private static void awaitApplied(RunSpec run, List<RunSpec> waiting) {
        String runUrl = "/api/runs/" + run.runId();
        TestPlatform.await("the run's grids drawn and evaluations applied", TIMEOUT, () -> {
            JsonPath checkpoints = given().get(runUrl + "/checkpoints").then().extract().jsonPath();
            boolean drawn = checkpoints.getList("findAll { it.samples.state == 'ready' && it.reconstructions.state == 'ready' }")
                    .size() == 2;
            int evaluations = given().get(runUrl + "/evaluations").then().extract().jsonPath().getList("$").size();
            return drawn && evaluations == 2 * METRICS.size() ? true : null;
        });
        for (RunSpec queued : waiting) {
            TestPlatform.await(queued.runId() + " queued", TIMEOUT, () ->
                    given().get("/api/runs/" + queued.runId()).then().extract().jsonPath().get("queuePosition"));
        }
    }
}
