package dev.aegan.gallery.state;

import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.StudyEvent;
import dev.aegan.gallery.GalleryConfig;
import dev.aegan.gallery.domain.GalleryEvent;
import dev.aegan.gallery.domain.RunSummary;
import dev.aegan.gallery.domain.StudyDetail;
import dev.aegan.gallery.domain.StudySummary;
import dev.aegan.gallery.store.StudyReportObjects;
import dev.aegan.gallery.store.StudyReportWriter;
import dev.aegan.studies.report.ClaimVerdict;
import dev.aegan.studies.report.StudyFigure;
import dev.aegan.studies.report.StudyReport;
import dev.aegan.studies.report.StudyReports;
import dev.aegan.studies.results.ResultTable;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The studies of {@code studies.events}, the latest event of each name winning, and their reports
 * kept up to date from what {@link GalleryState} holds of their runs: every evaluation it received
 * (it keeps them all, one per step, metric, extractor and producer) and each run's state. A
 * {@code completed} study brings all its values in its event. When a report becomes final (every
 * planned run ended, each finished one judged on every study metric at its last step; a completed
 * study at once), it is written to the gallery bucket once per content: a restart that replays the
 * topics writes the same bytes again, and a report that changes after (a late evaluation) is written
 * again. Every change is sent to {@link GalleryUpdates} as the study's {@link StudySummary}.
 *
 * <p>A report is rebuilt from all its runs' evaluations, so it is not rebuilt per evaluation: changes to a
 * study's runs mark it stale, and one refresh {@value #REFRESH_DELAY_MS} ms after the first of them
 * rebuilds every stale study once. A replay of the topics (thousands of evaluations a second) then costs
 * a few rebuilds rather than one per evaluation, and the page gets one update per refresh.
 */
@ApplicationScoped
public class StudyBoard {
    private static final Logger LOG = Logger.getLogger(StudyBoard.class);
    static final long REFRESH_DELAY_MS = 250;
    private final GalleryState runs;
    private final GalleryUpdates updates;
    private final StudyReportWriter writer;
    private final String bucket;
    private final Map<String, TrackedStudy> studies = new TreeMap<>();
    /** Run id to the names of the studies that plan it. */
    private final Map<String, Set<String>> studiesOfRun = new HashMap<>();
    /** The latest report written or being written, by {@link TrackedStudy#reportAddress()}. */
    private final Map<String, ReportWrite> writes = new HashMap<>();
    private final Set<String> stale = new TreeSet<>();
    private boolean refreshScheduled;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "gallery-study-refresh");
        thread.setDaemon(true);
        return thread;
    });

    StudyBoard(GalleryState runs, GalleryUpdates updates, StudyReportWriter writer, GalleryConfig config) {
        this.bucket = config.bucket();
        this.runs = runs;
        this.updates = updates;
        this.writer = writer;
    }

    public synchronized void onStudyEvent(StudyEvent event) {
        TrackedStudy study = TrackedStudy.of(event);
        TrackedStudy before = studies.put(study.name(), study);
        if (before != null) {
            before.runIds().forEach(runId -> studiesOfRun.getOrDefault(runId, new TreeSet<>()).remove(before.name()));
        }
        study.runIds().forEach(runId -> studiesOfRun.computeIfAbsent(runId, id -> new TreeSet<>()).add(study.name()));
        stale.remove(study.name());
        changed(study);
    }

    /** A run's state or evaluations changed in {@link GalleryState}: the studies that plan it are looked at again soon. */
    public synchronized void onRunChanged(String runId) {
        Set<String> names = studiesOfRun.getOrDefault(runId, Set.of());
        if (names.isEmpty()) {
            return;
        }
        stale.addAll(names);
        if (!refreshScheduled) {
            refreshScheduled = true;
            refresher.schedule(this::refresh, REFRESH_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void refresh() {
        refreshScheduled = false;
        List<String> names = List.copyOf(stale);
        stale.clear();
        for (String name : names) {
            try {
                changed(studies.get(name));
            } catch (RuntimeException e) {
                LOG.errorf(e, "study %s: its report could not be rebuilt", name);
            }
        }
    }

    public synchronized List<StudySummary> summaries() {
        return studies.values().stream().map(study -> summary(study, progress(study))).toList();
    }

    public synchronized Optional<StudyDetail> detail(String name) {
        return Optional.ofNullable(studies.get(name)).map(study -> {
            Progress progress = progress(study);
            return StudyDetail.of(summary(study, progress), progress.report().orElse(null));
        });
    }

    /** The figure as of now; empty when the study is unknown, rejected or unreadable. */
    public Optional<byte[]> figure(String name) {
        TrackedStudy study;
        Progress progress;
        synchronized (this) {
            study = studies.get(name);
            if (study == null || study.study() == null) {
                return Optional.empty();
            }
            progress = progress(study);
        }
        return Optional.of(StudyFigure.png(study.study(), progress.results()));
    }

    public synchronized boolean known(String name) {
        return studies.containsKey(name);
    }

    private void changed(TrackedStudy study) {
        Progress progress = progress(study);
        if (progress.complete()) {
            writeIfNew(study, progress);
        }
        updates.publish(GalleryEvent.STUDY, summary(study, progress));
    }

    private void writeIfNew(TrackedStudy study, Progress progress) {
        StudyReport report = progress.report().orElseThrow();
        String json = report.json();
        ReportWrite last = writes.get(study.reportAddress());
        if (last != null && last.json().equals(json) && last.state() != WriteState.FAILED) {
            return;
        }
        String address = study.reportAddress();
        writes.put(address, new ReportWrite(json, WriteState.WRITING, null));
        writer.write(study.study(), report, progress.results(),
                () -> writeEnded(address, json, WriteState.WRITTEN, null),
                problem -> writeEnded(address, json, WriteState.FAILED, problem));
    }

    private synchronized void writeEnded(String address, String json, WriteState state, String problem) {
        ReportWrite last = writes.get(address);
        if (last == null || !last.json().equals(json)) {
            return; // a newer report is on its way
        }
        writes.put(address, new ReportWrite(json, state, problem));
        studies.values().stream().filter(study -> study.reportAddress().equals(address))
                .forEach(study -> updates.publish(GalleryEvent.STUDY, summary(study, progress(study))));
    }

    private Progress progress(TrackedStudy study) {
        if (study.study() == null) {
            return new Progress(0, study.runIds().size(), false, null, null);
        }
        if (study.event().state() == StudyEvent.State.completed) {
            List<EvaluationEvent> results = study.event().results() == null ? List.of() : study.event().results();
            return Progress.of(study, study.runIds().size(), true, results);
        }
        List<EvaluationEvent> evaluations = new ArrayList<>();
        int finished = 0;
        boolean complete = true;
        for (String runId : study.runIds()) {
            List<EvaluationEvent> ofRun = runs.evaluations(runId).orElse(List.of());
            evaluations.addAll(ofRun);
            Optional<RunSummary> run = runs.summary(runId);
            String state = run.map(RunSummary::state).orElse(null);
            boolean ended = state != null && RunEvent.State.valueOf(state).terminal();
            if (RunEvent.State.finished.name().equals(state)) {
                finished++;
                complete &= judgedAtLastStep(study, run.get(), ofRun);
            }
            complete &= ended;
        }
        return Progress.of(study, finished, complete, evaluations);
    }

    /** Every metric of the study has a value at the run's last step (its spec's steps, else the last step seen). */
    private static boolean judgedAtLastStep(TrackedStudy study, RunSummary run, List<EvaluationEvent> evaluations) {
        long last = run.steps() != null ? run.steps() : run.step();
        Set<String> judged = evaluations.stream().filter(e -> e.step() == last).map(EvaluationEvent::metric)
                .collect(Collectors.toSet());
        return judged.containsAll(study.study().metrics());
    }

    private StudySummary summary(TrackedStudy tracked, Progress progress) {
        StudyEvent event = tracked.event();
        Map<String, Long> verdicts = progress.report().map(report -> report.claims().stream()
                .collect(Collectors.groupingBy(ClaimVerdict::verdict, TreeMap::new, Collectors.counting())))
                .orElse(new TreeMap<>());
        ReportWrite write = writes.get(tracked.reportAddress());
        boolean written = write != null && write.state() == WriteState.WRITTEN;
        String reason = tracked.problem() != null ? tracked.problem() : event.reason();
        return new StudySummary(event.study(),
                tracked.study() == null ? null : tracked.study().title(),
                tracked.study() == null ? null : tracked.study().paper(),
                event.profile(), event.state().name(), event.code() == null ? null : event.code().name(), reason,
                progress.finished(), progress.total(), progress.complete(), verdicts, bucket,
                written ? StudyReportObjects.reportKey(event.study(), event.profile()) : null,
                written ? StudyReportObjects.figureKey(event.study(), event.profile()) : null,
                write != null && write.state() == WriteState.FAILED ? write.problem() : null,
                event.at());
    }

    /**
     * Where a study stands: runs finished of planned, whether the report is final, the results so far and
     * their report (both null for a study without a readable file).
     */
    private record Progress(int finished, int total, boolean complete, ResultTable results, StudyReport built) {
        static Progress of(TrackedStudy study, int finished, boolean complete, List<EvaluationEvent> evaluations) {
            ResultTable results = StudyReports.results(study.study(), study.profile(), evaluations);
            return new Progress(finished, study.runIds().size(), complete, results,
                    StudyReports.report(study.study(), study.profile(), results));
        }

        Optional<StudyReport> report() {
            return Optional.ofNullable(built);
        }
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }

    private enum WriteState { WRITING, WRITTEN, FAILED }

    private record ReportWrite(String json, WriteState state, String problem) {
    }
}
