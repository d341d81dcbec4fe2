package dev.aegan.gallery.store;

import dev.aegan.gallery.GalleryConfig;
import dev.aegan.studies.report.StudyFigure;
import dev.aegan.studies.report.StudyReport;
import dev.aegan.studies.results.ResultTable;
import dev.aegan.studies.spec.Study;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Draws a final report's figure and writes it with the report to the gallery bucket, on a thread of
 * its own (the consumers must not wait for S3). A failure is tried again
 * {@code aegan.gallery.study-write-attempts} times with a doubling pause; after the last, the
 * failure is logged, counted ({@code aegan_gallery_study_write_failures_total}) and handed back, so
 * the study shows why its report is not in the bucket.
 */
@ApplicationScoped
public class StudyReportWriter {
    private static final Logger LOG = Logger.getLogger(StudyReportWriter.class);

    private final StudyReportObjects objects;
    private final GalleryConfig config;
    private final MeterRegistry meters;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "gallery-study-reports");
        thread.setDaemon(true);
        return thread;
    });

    StudyReportWriter(StudyReportObjects objects, GalleryConfig config, MeterRegistry meters) {
        this.objects = objects;
        this.config = config;
        this.meters = meters;
    }

    /**
     * @param written called once both objects are in the bucket
     * @param failed  called with the last failure's message when every try failed
     */
    public void write(Study study, StudyReport report, ResultTable results, Runnable written, Consumer<String> failed) {
        worker.execute(() -> {
            Duration pause = config.studyWriteRetryBackoff();
            for (int attempt = 1; ; attempt++) {
                try {
                    objects.put(report.study(), report.profile(), report.json(), StudyFigure.png(study, results));
                    written.run();
                    return;
                } catch (RuntimeException e) {
                    String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                    if (attempt >= config.studyWriteAttempts()) {
                        LOG.errorf(e, "could not write the report of study %s (%s) to bucket %s after %d tries",
                                report.study(), report.profile(), objects.bucket(), attempt);
                        meters.counter("aegan.gallery.study.write.failures").increment();
                        failed.accept(problem);
                        return;
                    }
                    LOG.warnf("writing the report of study %s failed (try %d), trying again in %s: %s",
                            report.study(), attempt, pause, problem);
                    if (!sleep(pause)) {
                        return;
                    }
                    pause = pause.multipliedBy(2);
                }
            }
        });
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }
}
