package dev.aegan.contracts.dataset;

import dev.aegan.contracts.Split;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The held-out split of each dataset, replayed from the batches topic on first use and kept: the
 * first {@code kept} images in topic order (all of them with {@link #ALL}). A dataset is read again
 * only while fewer than {@code kept} images were kept and more held-out images have been announced
 * (by its dataset events) than the topic held at the last read; a read that finds none is not kept.
 * Images once read never change, so the first N of a dataset stay the same images once it holds N.
 */
public final class HeldOutCache {
    /** Keep every held-out image. */
    public static final int ALL = Integer.MAX_VALUE;

    private final DatasetTopicReader reader;
    private final int kept;
    private final Map<String, Read> cache = new ConcurrentHashMap<>();

    private record Read(DatasetImages images, int heldOutAtRead) {
    }

    public HeldOutCache(DatasetTopicReader reader, int kept) {
        this.reader = reader;
        this.kept = kept;
    }

    /**
     * The dataset's first held-out images; empty when the topic holds none of it (yet).
     *
     * @param announced the held-out count the dataset's events announced so far (0 when none arrived)
     */
    public Optional<DatasetImages> images(String dataset, long announced) {
        Read read = cache.get(dataset);
        if (read != null && (read.images().count() >= kept || announced <= read.heldOutAtRead())) {
            return Optional.of(read.images());
        }
        return reader.read(dataset, Split.HELDOUT).map(all -> {
            DatasetImages first = first(all, kept);
            cache.put(dataset, new Read(first, all.count()));
            return first;
        });
    }

    /** The first {@code n} images (all of them when there are fewer). */
    public static DatasetImages first(DatasetImages images, int n) {
        if (images.count() <= n) {
            return images;
        }
        int[] labels = new int[n];
        System.arraycopy(images.labels(), 0, labels, 0, n);
        return new DatasetImages(images.dataset(), images.split(), images.channels(), images.height(), images.width(),
                images.pixelsOf(0, n), labels);
    }
}
