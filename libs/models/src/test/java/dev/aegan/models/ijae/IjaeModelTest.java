package dev.aegan.models.ijae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.api.InvalidHyperparameterException;
import dev.aegan.models.api.ModelFamily;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.core.UnsupportedImageShapeException;
import dev.aegan.models.phase.TrainingPhase;
import dev.aegan.models.registry.ModelRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IjaeModelTest {

    private static final ImageShape CIFAR = new ImageShape(3, 32, 32);
    private static final ImageShape MNIST = new ImageShape(1, 28, 28);
    private static final Map<String, Object> SMALL = Map.of("channels", 8, "latentDim", 10, "noiseDim", 6);

    /**
     * Appendix D prints each network's weight count for CIFAR-10 at width 128 and latent 128; the
     * readings in {@link IjaeNetworks} reproduce three exactly. The other two differ as documented
     * there (D_tau by 128; the encoder because the paper's count implies per-position noise).
     */
    @Test
    void theDefaultArchitectureHasAppendixDsWeightCounts() {
        try (GenerativeModel model = ModelRegistry.family("lambda-ijae").create(CIFAR, Map.of(), Device.cpu())) {
            assertEquals(1_053_825, trainableWeights(model.networks().get("d_psi")), "D_psi (Table 5)");
            assertEquals(4_526_273, trainableWeights(model.networks().get("d_zeta")), "D_zeta (Table 7)");
            assertEquals(1_154_179, trainableWeights(model.networks().get("generator")), "G (Table 4)");
            assertEquals(1_054_081 - 128, trainableWeights(model.networks().get("d_tau")), "D_tau (Table 6: 1,054,081)");
            assertEquals(6_436_224 - 4_227_072 - 1_056_768 + 3 * 16_512, trainableWeights(model.networks().get("encoder")),
                    "E (Table 3: 6,436,224 with Linear(128, 128*16*16) and Linear(128, 128*8*8) injections)");
            assertEquals(128, model.latentDim());
        }
        try (GenerativeModel model = ModelRegistry.family("lambda-ijae").create(CIFAR, Map.of("noisePerPosition", true),
                Device.cpu())) {
            assertEquals(6_436_224, trainableWeights(model.networks().get("encoder")), "E (Table 3), per-position noise");
        }
    }

    /**
     * Per-position noise: an injection has one output per channel and position of its block's map, xi_1 and
     * xi_2 change the codes, xi_3 does not, and the model reconstructs. IjaeReferenceTest checks its values
     * and gradients against PyTorch.
     */
    @Test
    void perPositionNoiseUsesTheFirstTwoNoiseVectorsOnly() {
        Map<String, Object> perPosition = new LinkedHashMap<>(SMALL);
        perPosition.put("noisePerPosition", true);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                IjaeModel model = (IjaeModel) ModelRegistry.family("lambda-ijae").create(MNIST, perPosition, Device.cpu())) {
            // 8 channels at 16x16 and 8x8 on the 32x32 canvas, each from 6 noise values and a bias
            Map<String, Long> injections = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : model.networks().get("encoder").getParameters()) {
                Matcher injection = Pattern.compile("noise\\d").matcher(p.getKey());
                if (injection.find()) {
                    injections.merge(injection.group(), p.getValue().getArray().size(), Long::sum);
                }
            }
            assertEquals(Map.of("noise1", 7L * 8 * 16 * 16, "noise2", 7L * 8 * 8 * 8), injections);

            NDArray images = model.sample(RandomStream.of(1).normal(manager, new Shape(4, 10)));
            NDArray xi = RandomStream.of(2).normal(manager, model.noiseShape(4));
            float[] codes = model.encode(images, xi).toFloatArray();
            NDArray thirdChanged = xi.duplicate();
            thirdChanged.set(new NDIndex(":, 2, :"), 5f);
            assertArrayEquals(codes, model.encode(images, thirdChanged).toFloatArray(), "xi_3 is not injected");
            for (int k = 0; k < 2; k++) {
                NDArray changed = xi.duplicate();
                changed.set(new NDIndex(":, " + k + ", :"), 5f);
                assertFalse(java.util.Arrays.equals(codes, model.encode(images, changed).toFloatArray()), "xi_" + (k + 1));
            }
            assertEquals(MNIST.batchShape(4), model.reconstruct(images).getShape());
        }
    }

    @Test
    void theThreeModelNamesAreRegisteredWithThePapersDefaults() {
        assertTrue(ModelRegistry.names().containsAll(List.of("lambda-ijae", "lambda-ijae-l1", "lambda-ijae-l2")));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("lambda", 0.3);
        expected.put("latentDim", 128);
        expected.put("noiseDim", 128);
        expected.put("noisePerPosition", false);
        expected.put("channels", 128);
        expected.put("learningRate", 1e-4);
        expected.put("beta1", 0.5);
        expected.put("beta2", 0.9);
        Map<String, Object> implicit = new LinkedHashMap<>(expected);
        implicit.put("maxShift", 5);
        implicit.put("encoderThroughTauCode", false);
        assertEquals(implicit, ModelRegistry.family("lambda-ijae").defaultHyperparameters());
        Map<String, Object> explicit = new LinkedHashMap<>(expected);
        explicit.put("reconstructionWeight", 1.0);
        assertEquals(explicit, ModelRegistry.family("lambda-ijae-l1").defaultHyperparameters());
        assertEquals(explicit, ModelRegistry.family("lambda-ijae-l2").defaultHyperparameters());
        assertEquals(List.copyOf(implicit.keySet()),
                List.copyOf(ModelRegistry.family("lambda-ijae").defaultHyperparameters().keySet()), "declaration order");
    }

    @Test
    void lambdaOutsideZeroToOneIsRejectedSayingWhatIsAllowed() {
        for (String name : List.of("lambda-ijae", "lambda-ijae-l1", "lambda-ijae-l2")) {
            ModelFamily family = ModelRegistry.family(name);
            for (Object bad : new Object[] {-0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
                InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                        () -> family.resolve(CIFAR, Map.of("lambda", bad)));
                assertEquals("lambda", e.key());
                assertEquals("hyperparameter 'lambda' of model '" + name + "' = " + bad
                        + " (Double) is out of range; allowed: a number in [0.0, 1.0]", e.getMessage());
            }
            InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                    () -> family.resolve(CIFAR, Map.of("lambda", "0.5")));
            assertTrue(e.getMessage().endsWith("is not a number; allowed: a number in [0.0, 1.0]"), e.getMessage());
            assertEquals(0.0, family.resolve(CIFAR, Map.of("lambda", 0)).get("lambda"));
            assertEquals(1.0, family.resolve(CIFAR, Map.of("lambda", 1)).get("lambda"));
        }
    }

    @Test
    void eachVariantKnowsOnlyItsOwnKnobs() {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> ModelRegistry.family("lambda-ijae-l1").resolve(CIFAR, Map.of("maxShift", 3)));
        assertTrue(e.getMessage().contains("is not a known hyperparameter"), e.getMessage());
        e = assertThrows(InvalidHyperparameterException.class,
                () -> ModelRegistry.family("lambda-ijae").resolve(CIFAR, Map.of("reconstructionWeight", 2)));
        assertEquals("reconstructionWeight", e.key());
        e = assertThrows(InvalidHyperparameterException.class,
                () -> ModelRegistry.family("lambda-ijae").resolve(new ImageShape(1, 8, 8), Map.of("maxShift", 8)));
        assertEquals("hyperparameter 'maxShift' of model 'lambda-ijae' = 8 (Integer) is larger than the image: a cyclic "
                + "shift that large wraps past the start; allowed: an integer in [0, 7] for images of shape 1x8x8",
                e.getMessage());
        UnsupportedImageShapeException shape = assertThrows(UnsupportedImageShapeException.class,
                () -> ModelRegistry.family("lambda-ijae-l2").resolve(new ImageShape(3, 4, 32), Map.of()));
        assertTrue(shape.getMessage().contains("3x4x32") && shape.getMessage().contains("[8, 256]"), shape.getMessage());
    }

    @Test
    void phasesUpdateOneNetworkEachInThePapersOrder() {
        try (GenerativeModel implicit = ModelRegistry.family("lambda-ijae").create(MNIST, SMALL, Device.cpu());
                GenerativeModel laplace = ModelRegistry.family("lambda-ijae-l1").create(MNIST, SMALL, Device.cpu())) {
            assertEquals(List.of("encoder", "generator", "d_psi", "d_tau", "d_zeta"), List.copyOf(implicit.networks().keySet()));
            assertEquals(List.of("d_psi", "d_tau", "d_zeta", "generator", "encoder"), names(implicit.phases()));
            // The ablations have no implicit likelihood: no D_tau to train.
            assertEquals(List.of("encoder", "generator", "d_psi", "d_zeta"), List.copyOf(laplace.networks().keySet()));
            assertEquals(List.of("d_psi", "d_zeta", "generator", "encoder"), names(laplace.phases()));
            for (GenerativeModel model : List.of(implicit, laplace)) {
                for (TrainingPhase phase : model.phases()) {
                    assertEquals(List.of(phase.name()), phase.networks());
                    assertEquals(1e-4, phase.optimizer().learningRate());
                    assertEquals(0.5, phase.optimizer().beta1());
                    assertEquals(0.9, phase.optimizer().beta2());
                }
            }
            assertEquals(5, ((IjaeModel) implicit).cyclicShift().maxShift());
        }
    }

    @Test
    void samplesReconstructionsAndCodesHaveTheModelsShapes() {
        for (ImageShape shape : List.of(MNIST, CIFAR, new ImageShape(3, 20, 24))) {
            for (String name : List.of("lambda-ijae", "lambda-ijae-l2")) {
                try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                        IjaeModel model = (IjaeModel) ModelRegistry.family(name).create(shape, SMALL, Device.cpu())) {
                    NDArray z = RandomStream.of(1).normal(manager, new Shape(5, 10));
                    NDArray images = model.sample(z);
                    assertEquals(shape.batchShape(5), images.getShape(), name + " " + shape);
                    assertSame(manager, images.getManager());
                    assertTrue(images.abs().max().getFloat() <= 1f);
                    assertEquals(shape.batchShape(5), model.reconstruct(images).getShape());
                    NDArray xi = RandomStream.of(2).normal(manager, model.noiseShape(5));
                    NDArray codes = model.encode(images, xi);
                    assertEquals(new Shape(5, 10), codes.getShape());
                    assertFalse(codes.hasGradient());
                    float[] other = model.encode(images, RandomStream.of(3).normal(manager, model.noiseShape(5))).toFloatArray();
                    assertFalse(java.util.Arrays.equals(codes.toFloatArray(), other), "the encoder is stochastic in xi");
                    // reconstruct decodes the posterior draw of its fixed noise, row by row whatever the batch size.
                    NDArray reconstructions = model.reconstruct(images);
                    NDArray decoded = model.sample(model.encode(images, model.reconstructionNoise(manager, 5)));
                    assertTrue(reconstructions.sub(decoded).abs().max().getFloat() < 1e-5f, name + " " + shape);
                    NDArray firstTwo = model.reconstruct(images.get("0:2"));
                    assertTrue(firstTwo.sub(reconstructions.get("0:2")).abs().max().getFloat() < 1e-5f,
                            name + " " + shape + ": a row's reconstruction must not depend on the batch size");
                }
            }
        }
    }

    @Test
    void inputsOfTheWrongShapeAreRejected() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                IjaeModel model = (IjaeModel) ModelRegistry.family("lambda-ijae").create(MNIST, SMALL, Device.cpu())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.sample(manager.zeros(new Shape(2, 8))));
            assertTrue(e.getMessage().contains("(10)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> model.reconstruct(manager.zeros(new Shape(2, 1, 32, 32))));
            assertTrue(e.getMessage().contains("(1, 28, 28)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> model.encode(manager.zeros(new Shape(2, 1, 28, 28)), manager.zeros(new Shape(3, 3, 6))));
            assertTrue(e.getMessage().contains("encoder noise for 3 images, given 2"), e.getMessage());
        }
    }

    private static List<String> names(List<TrainingPhase> phases) {
        return phases.stream().map(TrainingPhase::name).toList();
    }

    static long trainableWeights(Block block) {
        long count = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter.Type type = p.getValue().getType();
            if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
                count += p.getValue().getArray().size();
            }
        }
        return count;
    }
}
