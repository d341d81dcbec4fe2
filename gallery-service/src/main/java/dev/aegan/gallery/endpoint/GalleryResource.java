package dev.aegan.gallery.endpoint;

import dev.aegan.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import dev.aegan.contracts.Identifiers;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.gallery.domain.CheckpointView;
import dev.aegan.gallery.domain.DatasetView;
import dev.aegan.gallery.domain.GridKind;
import dev.aegan.gallery.domain.ImageState;
import dev.aegan.gallery.domain.ImageStatus;
import dev.aegan.gallery.domain.MetricSeries;
import dev.aegan.gallery.domain.RunComparison;
import dev.aegan.gallery.domain.RunSummary;
import dev.aegan.gallery.domain.SweepFrontier;
import dev.aegan.gallery.render.DatasetSampleGrid;
import dev.aegan.gallery.state.GalleryState;
import dev.aegan.gallery.store.GalleryImages;
import dev.aegan.gallery.store.MemorisationObjects;
import dev.aegan.evaluation.metrics.NearestNeighbours;
import dev.aegan.rest.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the page reads. Every refusal is JSON with a stable code (INVALID_RUN_ID, INVALID_GROUP, RUN_NOT_FOUND,
 * GROUP_NOT_FOUND, RUNS_REQUIRED, CHECKPOINT_NOT_FOUND, IMAGE_NOT_READY, NEIGHBOURS_NOT_EVALUATED, UNKNOWN_AXIS, DATASET_NOT_FOUND).
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
public class GalleryResource {
    @Inject
    GalleryState state;
    @Inject
    GalleryImages images;
    @Inject
    MemorisationObjects memorisation;
    @Inject
    DatasetSampleGrid sampleGrid;

    @GET
    @Path("/datasets")
    @Operation(summary = "Datasets with shape, counts per split and rejected ingest records, by name")
    public List<DatasetView> datasets() {
        return state.datasets();
    }

    @GET
    @Path("/datasets/{name}/samples.png")
    @Produces("image/png")
    @Operation(summary = "A grid of the dataset's first held-out images, as its reconstruction grids show them")
    public Response datasetSamples(@PathParam("name") String name) {
        Identifiers.require(Identifiers.Kind.DATASET, "name", name);
        if (state.datasets().stream().noneMatch(dataset -> dataset.name().equals(name) && dataset.lastEvent() != null)) {
            throw ApiException.notFound("DATASET_NOT_FOUND", "no dataset '" + name + "' on the datasets.events topic");
        }
        byte[] png = sampleGrid.png(name).orElseThrow(() -> ApiException.notFound("IMAGE_NOT_READY",
                "dataset '" + name + "' has no held-out image on the batches topic yet"));
        return Response.ok(png, "image/png").header("Cache-Control", "no-cache").build();
    }

    @GET
    @Path("/runs")
    @Operation(summary = "Runs with spec, state and step, most recently active first")
    public List<RunSummary> runs() {
        return state.runs();
    }

    @GET
    @Path("/runs/{runId}")
    @Operation(summary = "One run")
    public RunSummary run(@PathParam("runId") String runId) {
        runId(runId);
        return found(runId, state.summary(runId));
    }

    @GET
    @Path("/runs/{runId}/metrics")
    @Operation(summary = "The run's training losses, one series per name, and its latest images per second")
    public MetricSeries.OfRun metrics(@PathParam("runId") String runId) {
        runId(runId);
        return found(runId, state.metrics(runId));
    }

    @GET
    @Path("/runs/{runId}/checkpoints")
    @Operation(summary = "The run's checkpoints by step, each with the state and URL of its two grids")
    public List<CheckpointView> checkpoints(@PathParam("runId") String runId) {
        runId(runId);
        return found(runId, state.checkpoints(runId));
    }

    @GET
    @Path("/runs/{runId}/evaluations")
    @Operation(summary = "Evaluations of the run's checkpoints by step and metric, from every producer")
    public List<EvaluationEvent> evaluations(@PathParam("runId") String runId) {
        runId(runId);
        return found(runId, state.evaluations(runId));
    }

    @GET
    @Path("/groups")
    @Operation(summary = "Every sweep, by group id: its runs and the settings that differ between them")
    public List<RunComparison> groups() {
        return state.groups();
    }

    @GET
    @Path("/groups/{group}")
    @Operation(summary = "One sweep: its runs and the settings that differ between them")
    public RunComparison group(@PathParam("group") String group) {
        Identifiers.require(Identifiers.Kind.GROUP, "group", group);
        return state.group(group).orElseThrow(() -> groupNotFound(group));
    }

    @GET
    @Path("/groups/{group}/frontier")
    @Operation(summary = "One sweep as points of two metrics, each run at its latest checkpoint judged on both, "
            + "and its Pareto front; x and y are metric names (metric, or metric@extractor), by default a "
            + "generation and a reconstruction metric; axes lists those the runs have")
    public SweepFrontier frontier(@PathParam("group") String group, @QueryParam("x") String x,
                                  @QueryParam("y") String y) {
        Identifiers.require(Identifiers.Kind.GROUP, "group", group);
        Map<String, List<EvaluationEvent>> evaluations = state.groupEvaluations(group)
                .orElseThrow(() -> groupNotFound(group));
        List<SweepFrontier.Axis> axes = SweepFrontier.axes(evaluations.values().stream().flatMap(List::stream).toList());
        Optional<SweepFrontier.Axis> xAxis = axis("x", x, axes, SweepFrontier.defaultX(axes));
        Optional<SweepFrontier.Axis> yAxis = axis("y", y, axes, SweepFrontier.defaultY(axes));
        return xAxis.isPresent() && yAxis.isPresent()
                ? SweepFrontier.of(group, evaluations, xAxis.get(), yAxis.get())
                : SweepFrontier.unplotted(group, xAxis.orElse(null), yAxis.orElse(null), axes);
    }

    private static Optional<SweepFrontier.Axis> axis(String parameter, String name, List<SweepFrontier.Axis> axes,
                                                     Optional<SweepFrontier.Axis> otherwise) {
        if (name == null || name.isBlank()) {
            return otherwise;
        }
        return Optional.of(axes.stream().filter(axis -> axis.name().equals(name.strip())).findFirst()
                .orElseThrow(() -> ApiException.badRequest("UNKNOWN_AXIS", parameter + " '" + name + "' is not a "
                        + "metric with a better end that the sweep's runs have; they have "
                        + axes.stream().map(SweepFrontier.Axis::name).toList())));
    }

    private static ApiException groupNotFound(String group) {
        return ApiException.notFound("GROUP_NOT_FOUND",
                "no run of group '" + group + "' on the runs.events, training.metrics, checkpoints or evaluations "
                        + "topics; GET /api/groups lists the groups seen");
    }

    @GET
    @Path("/comparison")
    @Operation(summary = "Runs picked by hand, side by side: the settings that differ between them")
    public RunComparison comparison(@QueryParam("runs") String runs) {
        Set<String> runIds = new LinkedHashSet<>();
        for (String runId : (runs == null ? "" : runs).split(",")) {
            if (!runId.isBlank()) {
                runIds.add(Identifiers.require(Identifiers.Kind.RUN_ID, "runs", runId.strip()));
            }
        }
        if (runIds.isEmpty()) {
            throw ApiException.badRequest("RUNS_REQUIRED",
                    "runs is required: the run ids to compare, separated by commas (/api/comparison?runs=a,b)");
        }
        Map<String, RunSpec> specs = new HashMap<>();
        runIds.forEach(runId -> specs.put(runId, found(runId, state.summary(runId)).spec()));
        return RunComparison.of(null, specs);
    }

    @GET
    @Path("/runs/{runId}/images/{step}/{kind: samples|reconstructions|interpolations|priorInterpolations}.png")
    @Produces("image/png")
    @Operation(summary = "A rendered grid of a checkpoint, read from the gallery bucket")
    public Response image(@PathParam("runId") String runId, @PathParam("step") long step,
                          @PathParam("kind") GridKind kind) {
        runId(runId);
        CheckpointView checkpoint = checkpoint(runId, step);
        ImageStatus status = checkpoint.status(kind);
        if (status.state() != ImageState.ready) {
            throw notReady(runId, step, kind, status.state() + (status.message() == null ? "" : ": " + status.message()));
        }
        byte[] png = images.get(runId, step, kind)
                .orElseThrow(() -> notReady(runId, step, kind, "not in the gallery bucket"));
        // a grid of a (run, step) is drawn once and never changes
        return Response.ok(png, "image/png").header("Cache-Control", "public, max-age=31536000, immutable").build();
    }

    @GET
    @Path("/runs/{runId}/neighbours/{step}")
    @Operation(summary = "The nearest training images of a checkpoint's first samples, in pixel space and in each"
            + " extractor's space", description = "What metrics-service stored when it judged the checkpoint, read "
            + "from its bucket. 404 NEIGHBOURS_NOT_EVALUATED until then (or when the dataset has no training images).")
    public NearestNeighbours neighbours(@PathParam("runId") String runId, @PathParam("step") long step) {
        runId(runId);
        checkpoint(runId, step);
        return memorisation.neighbours(runId, step).orElseThrow(() -> ApiException.notFound("NEIGHBOURS_NOT_EVALUATED",
                "checkpoint " + runId + "@" + step + " has no nearest neighbours yet: metrics-service stores them when "
                        + "it judges the checkpoint (every evaluate-every-th one and the last)"));
    }

    private CheckpointView checkpoint(String runId, long step) {
        return found(runId, state.checkpoints(runId)).stream()
                .filter(c -> c.step() == step).findFirst()
                .orElseThrow(() -> ApiException.notFound("CHECKPOINT_NOT_FOUND",
                        "run '" + runId + "' has no checkpoint at step " + step));
    }

    private static ApiException notReady(String runId, long step, GridKind kind, String why) {
        return ApiException.notFound("IMAGE_NOT_READY", kind + " of run '" + runId + "' at step " + step + " is " + why);
    }

    private static void runId(String runId) {
        Identifiers.require(Identifiers.Kind.RUN_ID, "runId", runId);
    }

    private static <T> T found(String runId, Optional<T> value) {
        return value.orElseThrow(() -> ApiException.notFound("RUN_NOT_FOUND",
                "no run '" + runId + "' on the runs.events, training.metrics, checkpoints or evaluations topics"));
    }
}
