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
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a checkpoint's model on the CPU and draws its grids as PNGs. A conditional model's samples
 * show one class per grid row; its reconstructions take the held-out images' labels.
 */
@ApplicationScoped
public class CheckpointRenderer {
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
            if (kinds.contains(GridKind.samples)) {
                grids.put(GridKind.samples, new Grid(samples(model, manager), null));
            }
            if (kinds.contains(GridKind.reconstructions)) {
                grids.put(GridKind.reconstructions, reconstructions(event, model, manager));
            }
        } catch (UnreadableCheckpointException e) {
            throw new UnrenderableCheckpointException(e.getMessage(), e);
        }
        return grids;
    }

    private byte[] samples(GenerativeModel model, NDManager manager) {
        int n = config.sampleCount();
        int[] rowClasses = ClassCycle.gridRows(n, config.gridColumns(), model.classes());
        try (NDArray z = RandomStream.of(config.noiseSeed()).normal(manager, new Shape(n, model.latentDim()));
             NDArray images = model.sample(z, rowClasses)) {
            return grid().grid(Pixels.toBytes(images), n, model.shape(), config.gridColumns());
        }
    }

    private Grid reconstructions(CheckpointEvent event, GenerativeModel model, NDManager manager) {
        if (!model.canReconstruct()) {
            return new Grid(null, "a " + model.familyName() + " model has no encoder, so it makes no reconstructions");
        }
        String dataset = event.spec().dataset();
        Optional<DatasetImages> found = heldOut.firstImages(dataset);
        if (found.isEmpty()) {
            return new Grid(null, "dataset '" + dataset + "' has no held-out images on the batches topic");
        }
        DatasetImages images = found.get();
        InferenceModels.requireFits(event, model, images);
        ImageShape shape = model.shape();
        try (NDArray x = Pixels.toTensor(manager, images.pixels(), images.count(), shape);
             NDArray y = model.reconstruct(x, images.labels())) {
            return new Grid(grid().pairs(images.pixels(), Pixels.toBytes(y), images.count(), shape,
                    config.gridColumns()), null);
        }
    }

    private ImageGrid grid() {
        return new ImageGrid(config.minTileSize());
    }
}
