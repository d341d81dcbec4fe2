package dev.aegan.gallery.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ClassCycle;
import dev.aegan.models.core.Pixels;
import dev.aegan.models.core.RandomStream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Latent interpolation strips (FlexAE and λ-IJAE papers): the codes of a pair, mixed linearly in
 * code space, {@code (1 - t) a + t b} for {@code steps} equally spaced t from 0 to 1, and decoded.
 * Every family's prior is N(0, I) noise (FlexAE's learnt prior maps it through P-GEN, and its
 * strips run between the P-GEN codes), none a sphere or a box, so a straight line is what the
 * papers draw; its middle has a smaller norm than its ends, which is part of what the strips show.
 * Pixels come back uint8, strip after strip, tile after tile (N x C x H x W).
 */
final class InterpolationStrips {
    private final int pairs;
    private final int steps;

    InterpolationStrips(int pairs, int steps) {
        if (pairs < 1 || steps < 2) {
            throw new IllegalArgumentException("interpolation strips need a pair and two steps, got " + pairs
                    + " pairs of " + steps + " steps");
        }
        this.pairs = pairs;
        this.steps = steps;
    }

    /** Tiles per held-out strip: the left original, the decoded codes, the right original. */
    int heldOutLength() {
        return steps + 2;
    }

    int priorLength() {
        return steps;
    }

    /**
     * The pairs of images interpolated between: images 2i and 2i + 1, or for a conditional model (whose
     * strips decode under one class) each image with the next unpaired one of its class. Fewer than
     * {@code pairs} when the images do not make more.
     */
    List<int[]> heldOutPairs(DatasetImages images, boolean sameClass) {
        List<int[]> found = new ArrayList<>();
        Map<Integer, Integer> waiting = new HashMap<>();
        for (int i = 0; i < images.count() && found.size() < pairs; i++) {
            int key = sameClass ? images.labels()[i] : 0;
            Integer partner = waiting.remove(key);
            if (partner == null) {
                waiting.put(key, i);
            } else {
                found.add(new int[] {partner, i});
            }
        }
        return found;
    }

    /**
     * One strip per pair of {@code heldOutPairs}: original, decoded codes of its encoder, original. The
     * images are encoded all together in their order, as the reconstruction grid encodes them, so that
     * a family whose codes depend on the row (λ-IJAE's fixed encoder noise per row) gives each image
     * the code its reconstruction shows.
     */
    byte[] heldOut(GenerativeModel model, NDManager manager, DatasetImages images, List<int[]> pairs) {
        int n = pairs.size();
        int size = images.imageSize();
        try (NDArray x = Pixels.toTensor(manager, images.pixels(), images.count(), model.shape());
             NDArray codes = model.encode(x, model.classes() > 0 ? images.labels() : null);
             NDArray from = rows(codes, pairs, 0);
             NDArray to = rows(codes, pairs, 1)) {
            int[] stripLabels = pairs.stream().mapToInt(pair -> images.labels()[pair[0]]).toArray();
            byte[] decoded = decodeLines(model, from, to, stripLabels);
            byte[] strips = new byte[n * heldOutLength() * size];
            for (int p = 0; p < n; p++) {
                int base = p * heldOutLength() * size;
                System.arraycopy(images.pixels(), pairs.get(p)[0] * size, strips, base, size);
                System.arraycopy(decoded, p * steps * size, strips, base + size, steps * size);
                System.arraycopy(images.pixels(), pairs.get(p)[1] * size, strips, base + (steps + 1) * size, size);
            }
            return strips;
        }
    }

    private static NDArray rows(NDArray codes, List<int[]> pairs, int side) {
        NDList picked = new NDList();
        pairs.forEach(pair -> picked.add(codes.get(pair[side])));
        return NDArrays.stack(picked);
    }

    /**
     * One strip per pair of prior samples: the first {@code 2 * pairs} noise vectors of {@code seed} (those
     * of the sample grid), paired in order, mapped to codes by the family's prior; strip p of a conditional
     * model is drawn under class p mod classes.
     */
    byte[] prior(GenerativeModel model, NDManager manager, long seed) {
        try (NDArray noise = RandomStream.of(seed).normal(manager, new Shape(2L * pairs, model.latentDim()));
             NDArray codes = model.priorCodes(noise)) {
            NDArray paired = codes.reshape(pairs, 2, -1);
            int[] labels = ClassCycle.rows(0, pairs, Math.max(1, model.classes()));
            return decodeLines(model, paired.get(":, 0, :"), paired.get(":, 1, :"),
                    model.classes() > 0 ? labels : null);
        }
    }

    /** Decodes {@code steps} points of each line from row p of {@code from} to row p of {@code to}. */
    private byte[] decodeLines(GenerativeModel model, NDArray from, NDArray to, int[] stripLabels) {
        long n = from.getShape().get(0);
        float[] t = new float[steps];
        for (int k = 0; k < steps; k++) {
            t[k] = (float) k / (steps - 1);
        }
        NDManager manager = from.getManager();
        try (NDArray weights = manager.create(t, new Shape(1, steps, 1));
             NDArray line = from.expandDims(1).mul(weights.neg().add(1)).add(to.expandDims(1).mul(weights));
             NDArray codes = line.reshape(n * steps, -1);
             NDArray images = model.decode(codes, perTile(stripLabels, model))) {
            return Pixels.toBytes(images);
        }
    }

    private int[] perTile(int[] stripLabels, GenerativeModel model) {
        if (model.classes() == 0 || stripLabels == null) {
            return null;
        }
        int[] labels = new int[stripLabels.length * steps];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = stripLabels[i / steps];
        }
        return labels;
    }

}
