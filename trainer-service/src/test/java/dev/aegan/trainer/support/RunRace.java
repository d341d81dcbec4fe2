package dev.aegan.trainer.support;

import dev.aegan.contracts.ErrorBody;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunEvent.State;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.infra.Await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many clients asking for one run id at the same moment, and what must come of it: exactly one run. */
public final class RunRace {
    private RunRace() {
    }

    /** What one client got back. */
    public record Answer(int status, String body) {
    }

    /** A spec of a two-step run; {@code variant} changes its seed and latent size, so variants differ. */
    public static String spec(String runId, int variant) {
        return "{\"runId\":\"" + runId + "\",\"model\":\"vae\",\"dataset\":\"" + TestDatasets.FASHION + "\",\"seed\":"
                + variant + ",\"steps\":2,\"batchSize\":4,\"checkpointEvery\":2,\"hyperparameters\":{\"latentDim\":"
                + (3 + variant) + "}}";
    }

    /**
     * Has the trainer at {@code runs} look up {@link TestDatasets#FASHION} once (with a request it
     * refuses for a bad hyperparameter): racing requests then find the dataset in its catalog at
     * once, instead of each re-reading datasets.events in turn, and reach the run id check together.
     */
    public static void warmUp(URI runs, String token) throws Exception {
        HttpResponse<String> refused = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(runs)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"vae\",\"dataset\":\"" + TestDatasets.FASHION
                        + "\",\"hyperparameters\":{\"latentDim\":0}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("INVALID_HYPERPARAMETER", EventJson.read(refused.body(), ErrorBody.class).code());
    }

    /**
     * POSTs {@code bodies.get(i)} to {@code urls.get(i)} with the trainer {@code token}, all at once: each client thread has its
     * connection open before a latch releases them together.
     */
    public static List<Answer> post(List<URI> urls, List<String> bodies, String token) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(bodies.size());
        try {
            CountDownLatch ready = new CountDownLatch(bodies.size());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < bodies.size(); i++) {
                URI url = urls.get(i);
                HttpRequest request = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build();
                answers.add(clients.submit(() -> {
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    client.send(HttpRequest.newBuilder(url.resolve("/q/health/live")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    ready.countDown();
                    start.await();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    return new Answer(response.statusCode(), response.body());
                }));
            }
            ready.await();
            start.countDown();
            List<Answer> done = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                done.add(answer.get());
            }
            return done;
        } finally {
            clients.shutdownNow();
        }
    }

    /** Exactly one answer is 202, every other 409 RUN_EXISTS; returns the accepted spec. */
    public static RunSpec exactlyOneAccepted(List<Answer> answers) {
        List<Answer> accepted = answers.stream().filter(answer -> answer.status() == 202).toList();
        assertEquals(1, accepted.size(), "exactly one request is the run: " + answers);
        for (Answer answer : answers) {
            if (answer.status() != 202) {
                assertEquals(409, answer.status(), answer.toString());
                assertEquals("RUN_EXISTS", EventJson.read(answer.body(), ErrorBody.class).code(), answer.toString());
            }
        }
        return EventJson.read(accepted.get(0).body(), RunSpec.class);
    }

    /**
     * The accepted request is the one that trained, once: one {@code queued}, one {@code running},
     * one end, each with the accepted spec; every other record of the id on runs.requests was
     * skipped ({@code duplicatesSkipped} rose by their number) and added nothing to runs.events.
     */
    public static void assertTrainedOnce(RunSpec accepted, DoubleSupplier duplicatesSkipped, double skippedBefore) {
        String runId = accepted.runId();
        Runs.awaitTerminal(runId, Duration.ofMinutes(3));
        int duplicates = Kafka.readRaw(Topics.RUN_REQUESTS, runId).size() - 1;
        Await.until(duplicates + " duplicate requests of " + runId + " skipped", Duration.ofMinutes(2),
                () -> duplicatesSkipped.getAsDouble() - skippedBefore >= duplicates ? true : null);
        assertEquals(duplicates, duplicatesSkipped.getAsDouble() - skippedBefore, 0.0);

        List<RunEvent> events = Runs.events(runId);
        List<State> states = events.stream().map(RunEvent::state).toList();
        assertEquals(List.of(State.queued, State.running, State.checkpointed, State.finished), states);
        for (RunEvent event : events) {
            assertEquals(EventJson.MAPPER.valueToTree(accepted), EventJson.MAPPER.valueToTree(event.spec()),
                    "the accepted spec is the one that trained: " + event);
        }
        assertTrue(Runs.metrics(runId).stream().allMatch(metric -> metric.step() <= accepted.steps()));
        assertEquals(1, Runs.checkpoints(runId).size(), "one run, one final checkpoint");
    }
}
