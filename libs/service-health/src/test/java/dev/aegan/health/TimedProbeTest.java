package dev.aegan.health;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimedProbeTest {

    @Test
    void anAnswerIsUpWithWhatAnswered() {
        try (TimedProbe probe = new TimedProbe("s", () -> "1 broker", Duration.ofSeconds(5))) {
            HealthCheckResponse response = probe.call();
            assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
            assertEquals("1 broker", response.getData().orElseThrow().get("answer"));
        }
    }

    @Test
    void aRefusalIsDownWithItsReason() {
        try (TimedProbe probe = new TimedProbe("s", () -> {
            throw new IllegalStateException("403 access denied");
        }, Duration.ofSeconds(5))) {
            HealthCheckResponse response = probe.call();
            assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
            assertTrue(response.getData().orElseThrow().get("reason").toString().contains("403 access denied"));
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsDownAndProbesDoNotPileUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (TimedProbe probe = new TimedProbe("s", () -> {
            calls.incrementAndGet();
            release.await();
            return "late";
        }, Duration.ofMillis(200))) {
            HealthCheckResponse first = probe.call();
            assertEquals(HealthCheckResponse.Status.DOWN, first.getStatus());
            assertTrue(first.getData().orElseThrow().get("reason").toString().contains("no answer within"));
            HealthCheckResponse second = probe.call();
            assertEquals(HealthCheckResponse.Status.DOWN, second.getStatus());
            assertTrue(second.getData().orElseThrow().get("reason").toString().contains("still waiting"));
            assertEquals(1, calls.get());
            release.countDown();
            while (probe.call().getStatus() != HealthCheckResponse.Status.UP) {
                Thread.onSpinWait();
            }
            assertTrue(calls.get() <= 2, "a probe per answer, at most: " + calls.get());
        }
    }
}
