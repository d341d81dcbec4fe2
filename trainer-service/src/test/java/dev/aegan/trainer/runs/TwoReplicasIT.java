package dev.aegan.trainer.runs;

import dev.aegan.contracts.events.RunSpec;
import dev.aegan.infra.LocalInfra;
import dev.aegan.trainer.support.RunRace;
import dev.aegan.trainer.support.TestDatasets;
import dev.aegan.trainer.support.TrainerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Two trainer replicas, each its own JVM from the packaged app, on one broker and one S3 server:
 * requests for one run id raced against both get one 202 between them, and one run.
 */
class TwoReplicasIT {
    private static final String DUPLICATES = "aegan_trainer_duplicate_requests_total";

    private static LocalInfra infra;
    private static TrainerProcess first;
    private static TrainerProcess second;

    @BeforeAll
    static void start() throws IOException {
        infra = LocalInfra.start(0, 0, Files.createTempDirectory("aegan-s3-"));
        // read by this test's own Kafka clients (support.Kafka)
        System.setProperty("kafka.bootstrap.servers", infra.bootstrapServers());
        first = TrainerProcess.start("trainer-a", infra.serviceConfig());
        second = TrainerProcess.start("trainer-b", infra.serviceConfig());
        TestDatasets.fashion();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closing : new AutoCloseable[] {second, first, infra}) {
            if (closing != null) {
                closing.close();
            }
        }
    }

    private static double duplicatesSkipped() {
        try {
            return first.counter(DUPLICATES) + second.counter(DUPLICATES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void requestsForOneRunIdRacedAgainstTwoReplicasGiveOne202AndOneRun() throws Exception {
        String runId = "raced-across-replicas";
        URI runsOnFirst = first.url().resolve("/runs");
        URI runsOnSecond = second.url().resolve("/runs");
        RunRace.warmUp(runsOnFirst, infra.apiTokens().trainer());
        RunRace.warmUp(runsOnSecond, infra.apiTokens().trainer());
        double skippedBefore = duplicatesSkipped();
        List<URI> urls = IntStream.range(0, 10).mapToObj(i -> i % 2 == 0 ? runsOnFirst : runsOnSecond).toList();
        // each replica gets both specs
        List<String> bodies = IntStream.range(0, 10).mapToObj(i -> RunRace.spec(runId, i / 2 % 2)).toList();

        RunSpec accepted = RunRace.exactlyOneAccepted(RunRace.post(urls, bodies, infra.apiTokens().trainer()));

        RunRace.assertTrainedOnce(accepted, TwoReplicasIT::duplicatesSkipped, skippedBefore);
    }
}
