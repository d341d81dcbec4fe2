package dev.aegan.gallery.render;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.aegan.contracts.Split;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.gallery.GalleryConfig;
import dev.aegan.gallery.domain.GridKind;
import dev.aegan.gallery.domain.ImageState;
import dev.aegan.gallery.domain.ImageStatus;
import dev.aegan.gallery.state.GalleryState;
import dev.aegan.gallery.store.GalleryImages;
import dev.aegan.models.core.ImageShape;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Produces each checkpoint's grids once, one checkpoint at a time on a thread of its own (rendering
 * must not hold up the consumers, and one model in memory at a time is enough). A grid already in
 * the bucket (rendered before a restart) is reused, not drawn again. A failure that may pass (S3
 * unreachable) is retried {@code aegan.gallery.render-attempts} times, then the grid is marked
 * failed with the reason, which the page shows in its place.
 */
@ApplicationScoped
public class RenderQueue {
    private static final Logger LOG = Logger.getLogger(RenderQueue.class);

    private final CheckpointRenderer renderer;
    private final HeldOutPreview heldOut;
    private final GalleryImages images;
    private final GalleryState state;
    private final GalleryConfig config;
    private final MeterRegistry meters;
    private final Timer renderTime;
    private final AtomicInteger queued = new AtomicInteger();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "gallery-render");
        thread.setDaemon(true);
        return thread;
    });

    RenderQueue(CheckpointRenderer renderer, HeldOutPreview heldOut, GalleryImages images, GalleryState state,
                GalleryConfig config, MeterRegistry meters) {
        this.renderer = renderer;
        this.heldOut = heldOut;
        this.images = images;
        this.state = state;
        this.config = config;
        this.meters = meters;
        this.renderTime = Timer.builder("aegan.gallery.render")
                .description("Time to load a checkpoint and render its missing grids").register(meters);
        meters.gauge("aegan.gallery.render.queued", queued);
    }

    /**
     * Loads libtorch and the PNG writer on the render thread as the gallery starts, rather than when
     * the first checkpoint arrives: cold, they take seconds, which that checkpoint's grids would wait.
     */
    void warmUp(@Observes StartupEvent started) {
        worker.execute(() -> {
            try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                manager.zeros(new Shape(1)).close();
                new ImageGrid(1).grid(new byte[1], 1, new ImageShape(1, 1, 1), 1);
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not load libtorch and the PNG writer ahead of the first checkpoint");
            }
        });
    }

    /**
     * Reads a dataset's held-out images for the reconstruction grids on the render thread once its
     * event announces some, so that its runs' first checkpoint does not wait for that read.
     */
    public void prepare(DatasetEvent event) {
        if (event.count(Split.HELDOUT) > 0) {
            worker.execute(() -> {
                try {
                    heldOut.firstImages(event.dataset());
                } catch (RuntimeException e) {
                    LOG.warnf(e, "could not read the held-out images of dataset %s ahead of its checkpoints; "
                            + "the first reconstruction grid reads them", event.dataset());
                }
            });
        }
    }

    public void submit(CheckpointEvent event) {
        queued.incrementAndGet();
        worker.execute(() -> {
            try {
                process(event);
            } finally {
                queued.decrementAndGet();
            }
        });
    }

    private void process(CheckpointEvent event) {
        Duration pause = config.renderRetryBackoff();
        Map<GridKind, ImageStatus> done = new EnumMap<>(GridKind.class);
        for (int attempt = 1; ; attempt++) {
            try {
                produce(event, done);
                state.onImages(event.runId(), event.step(), done);
                return;
            } catch (UnrenderableCheckpointException e) {
                fail(event, done, e.getMessage());
                return;
            } catch (RuntimeException e) {
                if (attempt >= config.renderAttempts()) {
                    fail(event, done, "failed " + attempt + " times, last: " + e);
                    return;
                }
                LOG.warnf(e, "rendering checkpoint %s@%d failed (try %d of %d); trying again in %s", event.runId(),
                        event.step(), attempt, config.renderAttempts(), pause);
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = pause.multipliedBy(2);
            }
        }
    }

    /** Adds to {@code done} every grid found in the bucket and every grid rendered now. */
    private void produce(CheckpointEvent event, Map<GridKind, ImageStatus> done) {
        Set<GridKind> missing = EnumSet.noneOf(GridKind.class);
        for (GridKind kind : GridKind.values()) {
            if (done.containsKey(kind)) {
                continue;
            }
            if (images.exists(event.runId(), event.step(), kind)) {
                done.put(kind, ready(event, kind));
                meters.counter("aegan.gallery.grids", "outcome", "reused").increment();
            } else {
                missing.add(kind);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<GridKind, CheckpointRenderer.Grid> rendered = renderTime.record(() -> renderer.render(event, missing));
        rendered.forEach((kind, grid) -> {
            if (grid.png() != null) {
                images.put(event.runId(), event.step(), kind, grid.png());
                done.put(kind, ready(event, kind));
                meters.counter("aegan.gallery.grids", "outcome", "rendered").increment();
            } else {
                done.put(kind, new ImageStatus(ImageState.unavailable, null, grid.unavailable()));
                meters.counter("aegan.gallery.grids", "outcome", "unavailable").increment();
            }
        });
        LOG.infof("rendered %s of checkpoint %s@%d", missing, event.runId(), event.step());
    }

    /**
     * Marks the grids not drawn failed; those already in the bucket stay shown (a checkpoint rendered
     * before a new kind of grid existed keeps its grids even once its objects are gone).
     */
    private void fail(CheckpointEvent event, Map<GridKind, ImageStatus> done, String reason) {
        LOG.warnf("cannot render checkpoint %s@%d: %s", event.runId(), event.step(), reason);
        meters.counter("aegan.gallery.grids", "outcome", "failed").increment();
        ImageStatus failed = new ImageStatus(ImageState.failed, null, reason);
        Map<GridKind, ImageStatus> grids = new EnumMap<>(GridKind.class);
        for (GridKind kind : GridKind.values()) {
            grids.put(kind, done.getOrDefault(kind, failed));
        }
        state.onImages(event.runId(), event.step(), grids);
    }

    private static ImageStatus ready(CheckpointEvent event, GridKind kind) {
        return new ImageStatus(ImageState.ready, url(event.runId(), event.step(), kind), null);
    }

    /** Where the page fetches a grid: {@code /api/runs/{id}/images/{step}/{kind}.png}. */
    public static String url(String runId, long step, GridKind kind) {
        return "/api/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20")
                + "/images/" + step + "/" + kind.name() + ".png";
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
