package dev.aegan.trainer.training;

import ai.djl.Device;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.evaluation.features.DatasetClassifier;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.trainer.support.ClassArrivals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The measurement {@link ClassArrivals#LEAST_RISE} was set from: the scenario of {@code FollowCoverageIT}
 * in process, for seeds 1 to 5, arrival at step {@link ClassArrivals#STEPS_BEFORE}: class coverage of
 * the samples at the arrival's checkpoint and at the run's end. Run it with
 * {@code mvn -pl trainer-service test -Dtest=FollowCoverageMeasurement -Daegan.measure=follow-coverage}.
 */
@EnabledIfSystemProperty(named = "aegan.measure", matches = "follow-coverage")
class FollowCoverageMeasurement {

    @Test
    void classCoverageBeforeAndAfterTheArrivalPerSeed() {
        var firstFive = ClassArrivals.firstFive();
        var all = ClassArrivals.concat(firstFive, ClassArrivals.otherFive());
        try (DatasetClassifier classifier = ClassArrivals.tenClassClassifier()) {
            for (long seed = 1; seed <= 5; seed++) {
                RunSpec spec = new RunSpec(RunSpec.SCHEMA, "measure-" + seed, null, "vae", ClassArrivals.DATASET, seed,
                        ClassArrivals.STEPS_BEFORE + ClassArrivals.STEPS_AFTER, ClassArrivals.BATCH_SIZE,
                        ClassArrivals.CHECKPOINT_EVERY, ClassArrivals.HYPERPARAMETERS, null, true);
                try (TrainingSession session = TrainingSession.start(ModelRegistry.family("vae"), spec, firstFive, 0,
                        Device.cpu())) {
                    while (session.completedSteps() < ClassArrivals.STEPS_BEFORE) {
                        session.step();
                    }
                    double before = ClassArrivals.coverage(session.model(), classifier);
                    session.takeIn(all, 0);
                    while (session.completedSteps() < spec.steps()) {
                        session.step();
                    }
                    double after = ClassArrivals.coverage(session.model(), classifier);
                    System.out.printf("FOLLOW-COVERAGE seed %d: before %.2f after %.2f rise %.2f%n", seed, before, after,
                            after - before);
                }
            }
        }
    }
}
