package dev.aegan.models.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aegan.models.api.InvalidHyperparameterException;
import dev.aegan.models.api.ModelFamily;
import dev.aegan.models.api.UnknownModelException;
import dev.aegan.models.core.ImageShape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {

    private static final ImageShape MNIST = new ImageShape(1, 28, 28);

    @Test
    void anUnknownFamilyIsRejectedListingTheKnownOnes() {
        UnknownModelException e = assertThrows(UnknownModelException.class, () -> ModelRegistry.family("gan"));
        assertEquals("unknown model family 'gan'; known families: vae, lambda-ijae, lambda-ijae-l1, lambda-ijae-l2, "
                + "wgan-gp, wae-mmd, wae-gan, alpha-gan, flexae, flexae-sr, idvae, idvae-r, c-idvae", e.getMessage());
        assertEquals(Set.of("vae", "lambda-ijae", "lambda-ijae-l1", "lambda-ijae-l2", "wgan-gp", "wae-mmd", "wae-gan",
                "alpha-gan", "flexae", "flexae-sr", "idvae", "idvae-r", "c-idvae"),
                ModelRegistry.names());
    }

    @Test
    void givenValuesOverrideDefaultsAndComeBackCanonical() {
        ModelFamily vae = ModelRegistry.family("vae");
        assertEquals(Map.of("latentDim", 16, "network", "small", "channels", 64, "learningRate", 1e-3, "beta1", 0.9,
                "beta2", 0.999, "beta", 1.0, "reconstructionLoss", "mse"), vae.defaultHyperparameters());
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("latentDim", 32.0); // JSON numbers may arrive as doubles
        given.put("beta", 4); // and reals as integers
        Map<String, Object> effective = vae.resolve(MNIST, given);
        assertEquals(32, effective.get("latentDim"));
        assertEquals(4.0, effective.get("beta"));
        assertEquals(1e-3, effective.get("learningRate"));
    }

    @Test
    void anUnknownKeyIsRejectedNamingItAndTheKnownKeys() {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> ModelRegistry.family("vae").resolve(MNIST, Map.of("lambda", 0.5)));
        assertEquals("lambda", e.key());
        assertEquals(0.5, e.value());
        assertEquals("hyperparameter 'lambda' of model 'vae' = 0.5 (Double) is not a known hyperparameter; allowed: "
                + "one of the keys latentDim, network, channels, learningRate, beta1, beta2, beta, reconstructionLoss", e.getMessage());
    }

    @Test
    void valuesOfTheWrongTypeOrRangeAreRejectedSayingWhatIsAllowed() {
        ModelFamily vae = ModelRegistry.family("vae");
        assertRejected(vae, "latentDim", "16", "is not an integer; allowed: an integer in [1, 1024]");
        assertRejected(vae, "latentDim", 16.5, "is not an integer");
        assertRejected(vae, "latentDim", 0, "is out of range; allowed: an integer in [1, 1024]");
        assertRejected(vae, "learningRate", 0.0, "is out of range; allowed: a number in (0.0, 1.0]");
        assertRejected(vae, "beta1", 1.0, "is out of range; allowed: a number in [0.0, 1.0)");
        assertRejected(vae, "beta", Double.NaN, "is out of range");
        assertRejected(vae, "reconstructionLoss", "l1", "is not a known choice; allowed: one of mse, bce");
        assertRejected(vae, "beta2", null, "is not a number");
    }

    private static void assertRejected(ModelFamily family, String key, Object value, String expected) {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put(key, value);
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> family.resolve(MNIST, given));
        assertEquals(key, e.key());
        assertTrue(e.getMessage().startsWith("hyperparameter '" + key + "' of model 'vae' = "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
