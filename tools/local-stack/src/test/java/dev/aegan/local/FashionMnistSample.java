package dev.aegan.local;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The first images of Debian's Fashion-MNIST as small gzipped IDX files, as a user would upload them. */
public final class FashionMnistSample {
    static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionMnistSample() {
    }

    public static byte[] images(int count) throws IOException {
        return firstItems(DIR.resolve("train-images-idx3-ubyte.gz"), count);
    }

    public static byte[] labels(int count) throws IOException {
        return firstItems(DIR.resolve("train-labels-idx1-ubyte.gz"), count);
    }

    private static byte[] firstItems(Path idx, int count) throws IOException {
        try (InputStream raw = Files.newInputStream(idx);
             DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
            int magic = in.readInt();
            int dimensions = magic & 0xff;
            int[] sizes = new int[dimensions];
            int itemSize = 1;
            for (int i = 0; i < dimensions; i++) {
                sizes[i] = in.readInt();
                if (i > 0) {
                    itemSize *= sizes[i];
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
                out.writeInt(magic);
                out.writeInt(count);
                for (int i = 1; i < dimensions; i++) {
                    out.writeInt(sizes[i]);
                }
                out.write(in.readNBytes(count * itemSize));
            }
            return bytes.toByteArray();
        }
    }
}
