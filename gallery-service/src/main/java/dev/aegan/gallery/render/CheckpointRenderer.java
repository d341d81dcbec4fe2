package dev.aegan.gallery.render;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.aegan.checkpoints.InferenceModels;
import dev.aegan.checkpoints.UnreadableCheckpointException;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.gallery.GalleryConfig;
import dev.aegan.gallery.domain.GridKind;
import dev.aegan.models.core.ClassCycle;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.Pixels;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.checkpoint.RestoredModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Loads a checkpoint's model on the CPU and draws its grids as PNGs. A conditional model's samples
 * show one class per grid row, a row for every class (up to {@value #MAX_CLASS_ROWS}); its
 * reconstructions take the held-out images' labels. Interpolation strips ({@link InterpolationStrips})
 * are one row each.
 */
@ApplicationScoped
public class CheckpointRenderer {
    /** A conditional model with more classes shows its first ones. */
    static final int MAX_CLASS_ROWS = 32;

    @Inject
    InferenceModels models;
    @Inject
    HeldOutPreview heldOut;
    @Inject
    GalleryConfig config;

    /** A grid, or why there is none: {@code png} xor {@code unavailable}. */
    public record Grid(byte[] png, String unavailable) {
    }

    /**
     * @throws UnrenderableCheckpointException when the checkpoint cannot be loaded or does not fit its dataset
     */
    public Map<GridKind, Grid> render(CheckpointEvent event, Set<GridKind> kinds) {
        Map<GridKind, Grid> grids = new EnumMap<>(GridKind.class);
        try (RestoredModel restored = models.restore(event);
             NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            GenerativeModel model = restored.model();
            for (GridKind kind : kinds) {
                grids.put(kind, switch (kind) {
                    case samples -> new Grid(samples(model, manager), null);
                    case reconstructions -> fromHeldOut(event, model, "makes no reconstructions",
                            images -> reconstructions(model, manager, images));
                    case interpolations -> fromHeldOut(event, model, "has no codes of held-out images to "
                            + "interpolate between (its prior strips are shown)",
                            images -> interpolations(model, manager, images));
                    case priorInterpolations -> new Grid(grid().grid(strips().prior(model, manager, config.noiseSeed()),
                            config.interpolationPairs() * strips().priorLength(), model.shape(),
                            strips().priorLength()), null);
                });
            }
        } catch (UnreadableCheckpointException e) {
            throw new UnrenderableCheckpointException(e.getMessage(), e);
        }
        return grids;
    }

    /**
     * Tiles of the sample grid: {@code sampleCount}, or for a conditional model whole rows enough for every
     * class (up to {@value #MAX_CLASS_ROWS}) when {@code sampleCount} makes fewer.
     */
    static int sampleTiles(int sampleCount, int columns, int classes) {
        if (classes == 0) {
            return sampleCount;
        }
        return columns * Math.max((sampleCount + columns - 1) / columns, Math.min(classes, MAX_CLASS_ROWS));
    }

    private byte[] samples(GenerativeModel model, NDManager manager) {
        int n = sampleTiles(config.sampleCount(), config.gridColumns(), model.classes());
        int[] rowClasses = ClassCycle.gridRows(n, config.gridColumns(), model.classes());
        try (NDArray z = RandomStream.of(config.noiseSeed()).normal(manager, new Shape(n, model.latentDim()));
             NDArray images = model.sample(z, rowClasses)) {
            return grid().grid(Pixels.toBytes(images), n, model.shape(), config.gridColumns());
        }
    }

    /** A grid drawn from the dataset's fixed held-out images by the model's encoder, or why there is none. */
    private Grid fromHeldOut(CheckpointEvent event, GenerativeModel model, String withoutEncoder,
                             Function<DatasetImages, Grid> draw) {
        if (!model.canReconstruct()) {
            return new Grid(null, "a " + model.familyName() + " model has no encoder, so it " + withoutEncoder);
        }
        String dataset = event.spec().dataset();
        Optional<DatasetImages> found = heldOut.firstImages(dataset);
        if (found.isEmpty()) {
            return new Grid(null, "dataset '" + dataset + "' has no held-out images on the batches topic");
        }
        InferenceModels.requireFits(event, model, found.get());
        return draw.apply(found.get());
    }

    private Grid reconstructions(GenerativeModel model, NDManager manager, DatasetImages images) {
        ImageShape shape = model.shape();
        try (NDArray x = Pixels.toTensor(manager, images.pixels(), images.count(), shape);
             NDArray y = model.reconstruct(x, images.labels())) {
            return new Grid(grid().pairs(images.pixels(), Pixels.toBytes(y), images.count(), shape,
                    config.gridColumns()), null);
        }
    }

    private Grid interpolations(GenerativeModel model, NDManager manager, DatasetImages images) {
        InterpolationStrips strips = strips();
        List<int[]> pairs = strips.heldOutPairs(images, model.classes() > 0);
        if (pairs.isEmpty()) {
            return new Grid(null, "the first " + images.count() + " held-out images make no pair"
                    + (model.classes() > 0 ? " of the same class" : ""));
        }
        return new Grid(grid().grid(strips.heldOut(model, manager, images, pairs),
                pairs.size() * strips.heldOutLength(), model.shape(), strips.heldOutLength()), null);
    }

    private InterpolationStrips strips() {
        return new InterpolationStrips(config.interpolationPairs(), config.interpolationSteps());
    }

    private ImageGrid grid() {
        return new ImageGrid(config.minTileSize());
    }
}
