package dev.aegan.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.aegan.models.core.OwnedArrays;
import dev.aegan.models.core.RandomStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Sets parameters to torch's default initialisation for Linear and Conv layers, which the papers'
 * reference code relies on: weights and biases uniform in +-1/sqrt(fan_in) (kaiming_uniform with
 * a = sqrt(5) reduces to that bound), norm scales 1 and shifts 0.
 *
 * <p>Values come from a {@link RandomStream} per parameter (named by its path in the block), so
 * they depend only on the seed and the architecture, never on torch's global generator.
 */
public final class TorchInit {

    private TorchInit() {
    }

    public static void initialize(Block block, RandomStream stream) {
        Map<String, Long> fanInByLayer = new HashMap<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter p = entry.getValue();
            if (p.getType() == Parameter.Type.WEIGHT) {
                fanInByLayer.put(layerOf(entry.getKey()), fanIn(p.getArray().getShape()));
            }
        }
        try (NoGrad ignored = NoGrad.enter()) {
            for (Pair<String, Parameter> entry : block.getParameters()) {
                Parameter p = entry.getValue();
                NDArray array = p.getArray();
                int size = Math.toIntExact(array.size());
                float[] values = switch (p.getType()) {
                    case WEIGHT -> stream.child(entry.getKey()).uniform(size, -bound(fanIn(array.getShape())),
                            bound(fanIn(array.getShape())));
                    case BIAS -> {
                        Long fanIn = fanInByLayer.get(layerOf(entry.getKey()));
                        if (fanIn == null) {
                            throw new IllegalStateException("bias " + entry.getKey() + " has no weight beside it");
                        }
                        yield stream.child(entry.getKey()).uniform(size, -bound(fanIn), bound(fanIn));
                    }
                    case GAMMA, RUNNING_VAR -> filled(size, 1f);
                    case BETA, RUNNING_MEAN -> filled(size, 0f);
                    case OTHER -> throw new IllegalStateException(
                            "no default initialisation for parameter " + entry.getKey() + " of type OTHER");
                };
                OwnedArrays.copyInto(array, values);
            }
        }
    }

    private static String layerOf(String parameterPath) {
        int cut = parameterPath.lastIndexOf('_');
        return cut < 0 ? "" : parameterPath.substring(0, cut);
    }

    private static long fanIn(Shape weightShape) {
        long fanIn = weightShape.dimension() > 1 ? weightShape.get(1) : weightShape.get(0);
        for (int i = 2; i < weightShape.dimension(); i++) {
            fanIn *= weightShape.get(i);
        }
        return fanIn;
    }

    private static double bound(long fanIn) {
        return 1.0 / Math.sqrt(fanIn);
    }

    private static float[] filled(int size, float value) {
        float[] values = new float[size];
        Arrays.fill(values, value);
        return values;
    }
}
