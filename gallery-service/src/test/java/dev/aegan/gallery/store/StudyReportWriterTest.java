package dev.aegan.gallery.store;

import dev.aegan.gallery.GalleryConfig;
import dev.aegan.gallery.StudyFixtures;
import dev.aegan.studies.report.StudyReport;
import dev.aegan.studies.report.StudyReports;
import dev.aegan.studies.results.ResultTable;
import dev.aegan.studies.spec.Study;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A final report's write to the bucket is tried again when it fails, and a write that keeps failing is handed back. */
class StudyReportWriterTest {
    private static final int ATTEMPTS = 3;
    private static final GalleryConfig CONFIG = (GalleryConfig) Proxy.newProxyInstance(
            GalleryConfig.class.getClassLoader(), new Class<?>[]{GalleryConfig.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "studyWriteAttempts" -> ATTEMPTS;
                case "studyWriteRetryBackoff" -> Duration.ofMillis(5);
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private final Study study = StudyFixtures.study(StudyFixtures.TOY, StudyFixtures.TOY_JSON);
    private final ResultTable results = StudyReports.results(study, StudyFixtures.PROFILE,
            StudyFixtures.completed().results());
    private final StudyReport report = StudyReports.report(study, StudyFixtures.PROFILE, results);

    @Test
    void aWriteThatKeepsFailingIsTriedEveryTimeThenHandedBackAndCounted() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FailingObjects objects = new FailingObjects(Integer.MAX_VALUE);
        CompletableFuture<String> outcome = new CompletableFuture<>();
        new StudyReportWriter(objects, CONFIG, meters).write(study, report, results, () -> outcome.complete("written"),
                outcome::complete);
        assertEquals("IllegalStateException: S3 unreachable", outcome.get(30, TimeUnit.SECONDS));
        assertEquals(ATTEMPTS, objects.tries.get());
        assertEquals(1.0, meters.counter("aegan.gallery.study.write.failures").count());
    }

    @Test
    void aWriteThatFailsOnceIsDoneByTheNextTry() throws Exception {
        FailingObjects objects = new FailingObjects(1);
        CompletableFuture<String> outcome = new CompletableFuture<>();
        new StudyReportWriter(objects, CONFIG, new SimpleMeterRegistry()).write(study, report, results,
                () -> outcome.complete("written"), outcome::complete);
        assertEquals("written", outcome.get(30, TimeUnit.SECONDS));
        assertEquals(2, objects.tries.get());
        assertEquals(report.json(), objects.written);
    }

    /** The bucket, failing its first {@code failures} writes. */
    private static final class FailingObjects extends StudyReportObjects {
        final AtomicInteger tries = new AtomicInteger();
        private final int failures;
        volatile String written;

        FailingObjects(int failures) {
            super(null);
            this.failures = failures;
        }

        @Override
        public String bucket() {
            return "gallery";
        }

        @Override
        public void put(String study, String profile, String reportJson, byte[] figurePng) {
            if (tries.incrementAndGet() <= failures) {
                throw new IllegalStateException("S3 unreachable");
            }
            written = reportJson;
        }
    }
}
