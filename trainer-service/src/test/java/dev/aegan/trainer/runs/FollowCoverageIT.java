package dev.aegan.trainer.runs;

import ai.djl.Device;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.DataSeen;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.StoredObject;
import dev.aegan.evaluation.features.DatasetClassifier;
import dev.aegan.infra.LocalInfra;
import dev.aegan.models.checkpoint.ModelSnapshot;
import dev.aegan.models.checkpoint.ModelSnapshots;
import dev.aegan.models.checkpoint.RestoredModel;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.store.ArtifactStore;
import dev.aegan.store.S3Settings;
import dev.aegan.trainer.support.ClassArrivals;
import dev.aegan.trainer.support.Kafka;
import dev.aegan.trainer.support.Runs;
import dev.aegan.trainer.support.TestDatasets;
import dev.aegan.trainer.support.TrainerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Continual training end to end, trainers as their own JVMs on a real broker and S3 server: a VAE
 * run follows a Fashion-MNIST dataset that starts with its first five classes; the other five are
 * appended mid-run and its trainer is stopped right then; the run, resumed by another trainer, takes
 * them in from a checkpoint step, and the class coverage of its samples, under a classifier trained
 * beforehand on all ten classes, rises from the arrival's checkpoint to its last by at least
 * {@link ClassArrivals#LEAST_RISE}, to at least {@link ClassArrivals#LEAST_AFTER}.
 */
class FollowCoverageIT {
    private static final String RUN = "follow-five-then-ten";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private static LocalInfra infra;
    private static ArtifactStore store;

    @BeforeAll
    static void start() throws Exception {
        infra = LocalInfra.start(0, 0, Files.createTempDirectory("aegan-s3-"));
        // read by this test's own Kafka clients (support.Kafka)
        System.setProperty("kafka.bootstrap.servers", infra.bootstrapServers());
        store = new ArtifactStore(new S3Settings() {
            public String endpoint() { return infra.s3Endpoint(); }
            public String accessKey() { return infra.serviceConfig().get("aegan.s3.access-key"); }
            public String secretKey() { return infra.serviceConfig().get("aegan.s3.secret-key"); }
            public String region() { return "us-east-1"; }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closing : new AutoCloseable[] {store, infra}) {
            if (closing != null) {
                closing.close();
            }
        }
    }

    @Test
    void aFollowingRunTakesInNewClassesAcrossARestartAndItsSamplesCoverMoreOfThem() throws Exception {
        DatasetImages firstFive = ClassArrivals.firstFive();
        TestDatasets.publish(firstFive);
        TestDatasets.publish(ClassArrivals.heldOutFirstFive());
        TestDatasets.announce(DatasetEvent.Type.created, ClassArrivals.DATASET, ClassArrivals.IMAGES_PER_HALF,
                ClassArrivals.HELD_OUT);
        RunSpec spec = new RunSpec(RunSpec.SCHEMA, RUN, null, "vae", ClassArrivals.DATASET, 1,
                ClassArrivals.STEPS_BEFORE + ClassArrivals.CHECKPOINT_EVERY + ClassArrivals.STEPS_AFTER,
                ClassArrivals.BATCH_SIZE, ClassArrivals.CHECKPOINT_EVERY, ClassArrivals.HYPERPARAMETERS, null, true);

        try (TrainerProcess first = TrainerProcess.start("follow-a", infra.serviceConfig())) {
            Kafka.send(Topics.RUN_REQUESTS, RUN, EventJson.write(spec));
            Kafka.await(Topics.CHECKPOINTS, RUN, CheckpointEvent.class, TIMEOUT,
                    found -> found.stream().anyMatch(c -> c.step() >= ClassArrivals.STEPS_BEFORE));
            TestDatasets.publish(ClassArrivals.otherFive());
            TestDatasets.announce(DatasetEvent.Type.extended, ClassArrivals.DATASET, 2L * ClassArrivals.IMAGES_PER_HALF,
                    ClassArrivals.HELD_OUT);
        }
        List<RunEvent> events;
        try (TrainerProcess second = TrainerProcess.start("follow-b", infra.serviceConfig())) {
            events = Runs.awaitTerminal(RUN, TIMEOUT);
        }
        assertEquals(RunEvent.State.finished, events.get(events.size() - 1).state(), "run events " + events);
        assertTrue(events.stream().anyMatch(e -> e.state() == RunEvent.State.resumed), "run events " + events);

        List<CheckpointEvent> checkpoints = Runs.checkpoints(RUN);
        CheckpointEvent last = checkpoints.get(checkpoints.size() - 1);
        List<DataSeen.DataArrival> arrivals = last.dataSeen().arrivals();
        assertEquals(2, arrivals.size(), "the start and one arrival: " + arrivals);
        assertEquals(2L * ClassArrivals.IMAGES_PER_HALF, arrivals.get(1).countsBySplit().get("train"));
        long arrival = arrivals.get(1).step();
        assertTrue(arrival > ClassArrivals.STEPS_BEFORE && arrival % ClassArrivals.CHECKPOINT_EVERY == 0,
                "arrival at a checkpoint step after the extension: " + arrival);
        CheckpointEvent atArrival = checkpoints.stream().filter(c -> c.step() == arrival).findFirst().orElseThrow();

        try (DatasetClassifier classifier = ClassArrivals.tenClassClassifier()) {
            double before = coverage(atArrival, classifier);
            double after = coverage(last, classifier);
            System.out.printf("class coverage at the arrival (step %d) %.2f, at step %d %.2f%n", arrival, before,
                    last.step(), after);
            String measured = "class coverage at the arrival (step " + arrival + ") " + before + ", at the end " + after;
            assertTrue(after - before >= ClassArrivals.LEAST_RISE - 1e-9, measured);
            assertTrue(after >= ClassArrivals.LEAST_AFTER - 1e-9, measured);
        }
    }

    private static double coverage(CheckpointEvent checkpoint, DatasetClassifier classifier) {
        String prefix = String.format("%s/step-%08d/", checkpoint.runId(), checkpoint.step());
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (StoredObject object : checkpoint.objects()) {
            objects.put(object.key().substring(prefix.length()), store.getVerified(checkpoint.bucket(), object));
        }
        try (RestoredModel restored = ModelSnapshots.restore(new ModelSnapshot(objects), Device.cpu(),
                ModelRegistry::family)) {
            return ClassArrivals.coverage(restored.model(), classifier);
        }
    }
}
