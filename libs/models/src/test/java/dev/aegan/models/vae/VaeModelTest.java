package dev.aegan.models.vae;

import static dev.aegan.models.TrainingChecks.parameterValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.aegan.models.SyntheticImages;
import dev.aegan.models.TrainingChecks;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.core.UnsupportedImageShapeException;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.models.training.PhaseLoop;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class VaeModelTest {

    private static final Map<String, Object> FLEXAE_NETWORK = Map.of("network", "flexae", "channels", 4,
            "latentDim", 6);

    /** {@code network = flexae}: FlexAE's encoder with twice the latent outputs (mean, log-variance), its decoder. */
    @Test
    void theFlexAeNetworkIsFlexAesAutoencoder() {
        ImageShape shape = new ImageShape(1, 28, 28);
        try (GenerativeModel vae = ModelRegistry.family("vae").create(shape, FLEXAE_NETWORK, Device.cpu());
                GenerativeModel flexAe = ModelRegistry.family("flexae").create(shape,
                        Map.of("channels", 4, "latentDim", 12), Device.cpu());
                GenerativeModel flexAeDecoder = ModelRegistry.family("flexae").create(shape,
                        Map.of("channels", 4, "latentDim", 6), Device.cpu())) {
            assertEquals(parameterShapes(flexAe, "encoder"), parameterShapes(vae, "encoder"));
            assertEquals(parameterShapes(flexAeDecoder, "decoder"), parameterShapes(vae, "decoder"));
        }
    }

    @Test
    void channelsAreRejectedWhereTheNetworkHasNoWidthToSet() {
        ImageShape shape = new ImageShape(1, 28, 28);
        TrainingChecks.assertRejected(new VaeFamily(), shape, Map.of("channels", 16),
                "has no effect with network small, whose widths are fixed at 32 and 64");
        TrainingChecks.assertRejected(new VaeFamily(), shape, Map.of("network", "wae-mnist"), "one of small, flexae");
        assertEquals(16, new VaeFamily().resolve(shape, Map.of("network", "flexae", "channels", 16)).get("channels"));
    }

    private static Map<String, Shape> parameterShapes(GenerativeModel model, String network) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        model.networks().get(network).getParameters().forEach(p -> shapes.put(p.getKey(), p.getValue().getShape()));
        return shapes;
    }

    @Test
    void buildsForMnistAndCifarShapesWithImagesInMinusOneToOne() {
        for (ImageShape shape : List.of(new ImageShape(1, 28, 28), new ImageShape(3, 32, 32))) {
            try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                    GenerativeModel model = ModelRegistry.family("vae").create(shape, Map.of("latentDim", 10), Device.cpu())) {
                NDArray z = RandomStream.of(1).normal(manager, new Shape(5, 10)).mul(10);
                NDArray images = model.sample(z);
                assertEquals(new Shape(5, shape.channels(), shape.height(), shape.width()), images.getShape());
                assertSame(manager, images.getManager(), "results belong to the caller's manager");
                assertTrue(images.abs().max().getFloat() <= 1f);
                assertEquals(shape.batchShape(5), model.reconstruct(images).getShape());
                assertEquals(10, model.latentDim());
                assertEquals(List.of("encoder", "decoder"), List.copyOf(model.networks().keySet()));
                assertEquals(List.of("vae"), model.phases().stream().map(p -> p.name()).toList());
            }
        }
    }

    @Test
    void oneStepGivesEveryParameterAGradientAndReportsTheElboTerms() {
        for (Map<String, Object> network : List.of(Map.<String, Object>of(), FLEXAE_NETWORK)) {
            oneStepGivesEveryParameterAGradientAndReportsTheElboTerms(network);
        }
    }

    private static void oneStepGivesEveryParameterAGradientAndReportsTheElboTerms(Map<String, Object> network) {
        ImageShape shape = new ImageShape(1, 28, 28);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                GenerativeModel model = ModelRegistry.family("vae").create(shape, network, Device.cpu());
                PhaseLoop loop = new PhaseLoop(model, 3)) {
            model.initialize(3);
            Map<String, float[]> before = parameterValues(model);
            Map<String, Float> values = loop.step(SyntheticImages.stripesAndBlobs(shape, 4, 1).all(manager));
            assertEquals(List.of("vae/loss", "vae/reconstruction", "vae/kl"), List.copyOf(values.keySet()));
            assertEquals(values.get("vae/reconstruction") + values.get("vae/kl"), values.get("vae/loss"), 1e-3);
            assertTrue(values.get("vae/kl") > 0);
            Map<String, float[]> after = parameterValues(model);
            before.forEach((key, old) -> assertFalse(Arrays.equals(old, after.get(key)),
                    key + " was not updated: no gradient reached it"));
        }
    }

    @Test
    void bernoulliReconstructionTrainsToo() {
        ImageShape shape = new ImageShape(1, 16, 16);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                GenerativeModel model = ModelRegistry.family("vae").create(shape, Map.of("reconstructionLoss", "bce"),
                        Device.cpu());
                PhaseLoop loop = new PhaseLoop(model, 3)) {
            NDArray images = SyntheticImages.stripesAndBlobs(shape, 8, 1).all(manager);
            float first = loop.step(images).get("vae/reconstruction");
            float last = first;
            for (int i = 0; i < 30; i++) {
                last = loop.step(images).get("vae/reconstruction");
            }
            assertTrue(last < 0.9f * first, "BCE reconstruction " + first + " -> " + last);
        }
    }

    @Test
    void initializationDependsOnlyOnTheSeed() {
        ImageShape shape = new ImageShape(1, 28, 28);
        try (GenerativeModel a = ModelRegistry.family("vae").create(shape, Map.of(), Device.cpu());
                GenerativeModel b = ModelRegistry.family("vae").create(shape, Map.of(), Device.cpu())) {
            a.initialize(17);
            b.initialize(17);
            Map<String, float[]> pa = parameterValues(a);
            Map<String, float[]> pb = parameterValues(b);
            pa.forEach((key, values) -> assertArrayEquals(values, pb.get(key), key));
            b.initialize(18);
            assertNotEquals(pa.get("encoder/01Conv2d_weight")[0], parameterValues(b).get("encoder/01Conv2d_weight")[0]);
            // torch's default Linear/Conv bound: 1/sqrt(fan_in), fan_in = 1 * 4 * 4 for the first conv.
            for (float w : pa.get("encoder/01Conv2d_weight")) {
                assertTrue(Math.abs(w) <= 0.25f);
            }
        }
    }

    @Test
    void inferenceWorksOnThreadsWhereTorchRecordsGradientsByDefault() throws Exception {
        ImageShape shape = new ImageShape(1, 28, 28);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                GenerativeModel model = ModelRegistry.family("vae").create(shape, Map.of(), Device.cpu())) {
            NDArray z = RandomStream.of(2).normal(manager, new Shape(3, 16));
            float[] onMain = model.sample(z).toFloatArray();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                float[] onPool = pool.submit(() -> {
                    NDArray images = model.sample(z);
                    assertFalse(images.hasGradient());
                    return images.toFloatArray();
                }).get();
                assertArrayEquals(onMain, onPool);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void shapesThatTwoStrideTwoConvolutionsCannotTakeAreRejected() {
        UnsupportedImageShapeException e = assertThrows(UnsupportedImageShapeException.class,
                () -> ModelRegistry.family("vae").resolve(new ImageShape(1, 30, 30), Map.of()));
        assertTrue(e.getMessage().contains("1x30x30") && e.getMessage().contains("multiples of 4"), e.getMessage());
    }

    @Test
    void latentCodesOfTheWrongWidthAreRejected() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                GenerativeModel model = ModelRegistry.family("vae").create(new ImageShape(1, 28, 28), Map.of(),
                        Device.cpu())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.sample(manager.zeros(new Shape(2, 8))));
            assertTrue(e.getMessage().contains("(16)"), e.getMessage());
        }
    }
}
