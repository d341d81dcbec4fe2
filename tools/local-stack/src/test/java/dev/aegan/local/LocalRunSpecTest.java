package dev.aegan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunSpec;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The run {@code ./run-local} asks for: lambda-IJAE unless told otherwise, the VAE one flag away. */
class LocalRunSpecTest {

    @Test
    void withoutSettingsItIsTheLambdaIjaeRunWithItsOwnWidthLatentSizeAndLearningRate() {
        RunSpec request = EventJson.read(LocalRun.runSpec(new Properties()).request("fashion-mnist"), RunSpec.class);

        assertEquals("lambda-ijae", request.model());
        assertEquals("fashion-mnist", request.dataset());
        assertEquals(Map.of("channels", 16, "latentDim", 16, "learningRate", 1e-3), request.hyperparameters());
        assertEquals(32, request.batchSize());
        assertEquals(50, request.checkpointEvery());
        assertEquals(3000, request.steps());
    }

    @Test
    void theVaeRunIsTheFamilysDefaultsAsBefore() {
        Properties vae = new Properties();
        vae.setProperty("aegan.local.model", "vae");

        RunSpec request = EventJson.read(LocalRun.runSpec(vae).request("fashion-mnist"), RunSpec.class);

        assertEquals("vae", request.model());
        assertNull(request.hyperparameters());
        assertEquals(64, request.batchSize());
        assertEquals(100, request.checkpointEvery());
        assertEquals(3000, request.steps());
    }

    @Test
    void stepsAndCheckpointIntervalCanBeSetForEitherModel() {
        Properties settings = new Properties();
        settings.setProperty("aegan.local.steps", "800");
        settings.setProperty("aegan.local.checkpoint-every", "200");

        LocalRunSpec spec = LocalRun.runSpec(settings);

        assertEquals(LocalRunSpec.ijae().hyperparameters(), spec.hyperparameters());
        assertEquals(800, spec.steps());
        assertEquals(200, spec.checkpointEvery());
    }
}
