package dev.aegan.ingest;

import dev.aegan.infra.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * First half of the restart scenario (the second is {@link RestartSecondRunTest}, which the
 * profile-aware class order runs after this one): produces {@link RestartScenario#VALID} valid and
 * some broken records and stops the service as soon as the first of them are committed, so that
 * the service is stopped with records still unprocessed and, likely, a transaction in flight.
 */
@QuarkusTest
@TestProfile(RestartFirstRunTest.SmallBatches.class)
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class RestartFirstRunTest {
    private static final Logger LOG = Logger.getLogger(RestartFirstRunTest.class);

    /** Small consumer batches: more transactions, so the stop is likely to fall between or within them. */
    public static class SmallBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.incoming.ingest-images-in.max.poll.records", "50");
        }
    }

    @Test
    void serviceStopsWhileRecordsAreStillBeingConsumed() throws InterruptedException {
        String dataset = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaProbe.produce(RestartScenario.records(dataset));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (given().get("/datasets/" + dataset).statusCode() != 200) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no image of " + dataset + " was committed within 60 s");
            }
            Thread.sleep(50);
        }
        int committed = given().get("/datasets/" + dataset).then().extract().path("total");
        LOG.infof("stopping ingest-service with %d of %d images of %s committed", committed, RestartScenario.VALID,
                dataset);
        System.setProperty(RestartScenario.PROPERTY, dataset);
    }
}
