package dev.aegan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aegan.local.LocalRunSpec;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.registry.ModelRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ./run-local}'s lambda-IJAE run sets its width, latent size and learning rate in its own spec, which the
 * family accepts for Fashion-MNIST; the family's defaults stay the paper's (Appendix D).
 */
class LocalRunSpecModelTest {
    private static final ImageShape FASHION_MNIST = new ImageShape(1, 28, 28);

    @Test
    void theFamilyTakesTheRunsSettingsOverItsOwnDefaults() {
        LocalRunSpec spec = LocalRunSpec.ijae();

        Map<String, Object> effective = ModelRegistry.family(spec.model()).resolve(FASHION_MNIST, spec.hyperparameters());

        assertEquals(spec.hyperparameters().get("channels"), effective.get("channels"));
        assertEquals(spec.hyperparameters().get("learningRate"), effective.get("learningRate"));
        assertEquals(spec.hyperparameters().get("latentDim"), effective.get("latentDim"));
        assertEquals(0.3, effective.get("lambda"));
    }

    @Test
    void theFamilysDefaultsAreThePapers() {
        Map<String, Object> defaults = ModelRegistry.family(LocalRunSpec.IJAE).resolve(FASHION_MNIST, Map.of());

        assertEquals(128, defaults.get("channels"));
        assertEquals(1e-4, defaults.get("learningRate"));
        assertEquals(128, defaults.get("latentDim"));
    }
}
