package dev.aegan.gallery.render;

import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.gallery.GalleryConfig;
import dev.aegan.models.core.ImageShape;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** What a dataset's images look like: the held-out images its reconstruction grids show, as one grid. */
@ApplicationScoped
public class DatasetSampleGrid {
    private final HeldOutPreview heldOut;
    private final GalleryConfig config;

    DatasetSampleGrid(HeldOutPreview heldOut, GalleryConfig config) {
        this.heldOut = heldOut;
        this.config = config;
    }

    /** Empty while the batches topic holds no held-out image of the dataset. */
    public Optional<byte[]> png(String dataset) {
        return heldOut.firstImages(dataset).map(this::grid);
    }

    private byte[] grid(DatasetImages images) {
        ImageShape shape = new ImageShape(images.channels(), images.height(), images.width());
        return new ImageGrid(config.minTileSize()).grid(images.pixels(), images.count(), shape, config.gridColumns());
    }
}
