package dev.aegan.evaluation.datasets;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The first images of Debian's Fashion-MNIST ({@code dataset-fashion-mnist}; {@code ./run-tests}
 * installs it) with their labels, read from the gzipped IDX files.
 */
public final class FashionMnist {
    public static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionMnist() {
    }

    /** The first {@code count} images of the 60,000 training images, skipping the first {@code skip}. */
    public static DatasetImages training(String dataset, Split split, int skip, int count) {
        return read(dataset, split, "train", skip, count);
    }

    /** The first {@code count} images of the 10,000 test images. */
    public static DatasetImages test(String dataset, Split split, int count) {
        return read(dataset, split, "t10k", 0, count);
    }

    private static DatasetImages read(String dataset, Split split, String prefix, int skip, int count) {
        byte[] pixels = items(DIR.resolve(prefix + "-images-idx3-ubyte.gz"), 784, skip, count);
        byte[] labelBytes = items(DIR.resolve(prefix + "-labels-idx1-ubyte.gz"), 1, skip, count);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = labelBytes[i];
        }
        return new DatasetImages(dataset, split, 1, 28, 28, pixels, labels);
    }

    private static byte[] items(Path idx, int itemSize, int skip, int count) {
        try (InputStream raw = Files.newInputStream(idx);
             DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
            int dimensions = in.readInt() & 0xff;
            for (int i = 0; i < dimensions; i++) {
                in.readInt();
            }
            in.skipNBytes((long) skip * itemSize);
            return in.readNBytes(count * itemSize);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + idx + " (install Debian's dataset-fashion-mnist)", e);
        }
    }
}
