package dev.aegan.models.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.aegan.models.SyntheticImages;
import dev.aegan.models.core.ClassCycle;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.registry.ModelRegistry;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** encode, decode and priorCodes split reconstruct and sample into their halves, for every family. */
class CodeSpaceTest {
    private static final ImageShape SHAPE = new ImageShape(1, 28, 28);
    private static final int N = 4;

    static Iterable<String> families() {
        return ModelRegistry.names();
    }

    @ParameterizedTest
    @MethodSource("families")
    void decodingTheEncodedCodesReconstructsAndDecodingThePriorCodesSamples(String family) {
        SyntheticImages data = SyntheticImages.stripesAndBlobs(SHAPE, N, 3);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             GenerativeModel model = ModelRegistry.family(family).create(SHAPE, Map.of(), Device.cpu())) {
            model.initialize(5);
            int[] labels = model.classes() > 0 ? ClassCycle.rows(0, N, model.classes()) : null;
            NDArray noise = RandomStream.of(11).normal(manager, new Shape(N, model.latentDim()));
            assertArrayEquals(model.sample(noise, labels).toFloatArray(),
                    model.decode(model.priorCodes(noise), labels).toFloatArray(), 1e-6f, family);
            NDArray x = data.all(manager);
            int[] xLabels = model.classes() > 0 ? data.labels(0, N) : null;
            if (model.canReconstruct()) {
                assertArrayEquals(model.reconstruct(x, xLabels).toFloatArray(),
                        model.decode(model.encode(x, xLabels), xLabels).toFloatArray(), 1e-6f, family);
            } else {
                assertThrows(UnsupportedOperationException.class, () -> model.encode(x, xLabels));
            }
        }
    }
}
