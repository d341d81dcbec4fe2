package dev.aegan.studies.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aegan.contracts.Identifiers;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.studies.json.StudyFileException;
import dev.aegan.studies.plan.PlannedRun;
import dev.aegan.studies.plan.StudyPlanner;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every study file of the repository, under both profiles, reads, validates and plans (CI's check). */
class StudyFilesTest {

    private static final Path STUDIES = Path.of(System.getProperty("aegan.studies.dir", "../../studies"));

    @Test
    void everyStudyFileValidatesAndPlansUnderBothProfiles() {
        Map<String, Study> studies = StudyFiles.readAll(STUDIES);
        assertEquals(Set.of("ijae-frontier", "flexae-table1", "flexae-table3", "alpha-gan-critic",
                "idvae-reconstruction", "appendix-b"), studies.keySet());
        for (Study study : studies.values()) {
            for (String profile : Study.PROFILES) {
                List<PlannedRun> runs = StudyPlanner.plan(study, profile);
                assertFalse(runs.isEmpty(), study.name() + " " + profile);
                Set<String> ids = new HashSet<>();
                for (PlannedRun run : runs) {
                    assertTrue(Identifiers.isValid(run.runId()) && ids.add(run.runId()), run.runId());
                    if (study.runner() == Runner.SERVICES) {
                        RunSpec spec = EventJson.read(run.request().toString(), RunSpec.class);
                        assertEquals(RunSpec.JUDGING_EVERY, spec.judging());
                        assertEquals(study.name() + "." + run.coordinates().group(), spec.group());
                    }
                }
            }
        }
    }

    @Test
    void theLocalProfileRunsAtLeastThreeSeedsWhereAClaimNeedsThree() {
        for (Study study : StudyFiles.readAll(STUDIES).values()) {
            assertTrue(study.profile("local").seeds().size() >= 3, study.name());
        }
    }

    @Test
    void anOptionTheFamilyDoesNotAcceptIsRefusedWithFilePathAndReason() {
        String json = minimal().replace("\"hyperparameters\":{\"latentDim\":8}", "\"hyperparameters\":{\"width\":8}");
        StudyFileException e = assertThrows(StudyFileException.class, () -> StudyFiles.parse("tiny.json", json));
        assertTrue(e.getMessage().startsWith("tiny.json: groups[0]: under profile local"), e.getMessage());
        assertTrue(e.getMessage().contains("width"), e.getMessage());
    }

    @Test
    void anUnknownMetricIsRefused() {
        String json = minimal().replace("\"metrics\":[\"reconstruction_mse\"]", "\"metrics\":[\"reconstruction_mse\",\"sharpness\"]");
        StudyFileException e = assertThrows(StudyFileException.class, () -> StudyFiles.parse("tiny.json", json));
        assertTrue(e.getMessage().startsWith("tiny.json: metrics[1]: 'sharpness' is not a metric"), e.getMessage());
    }

    @Test
    void theMetricNamesPendingOnAnotherBranchAreAcceptedWithAnExtractor() {
        assertTrue(KnownMetrics.known("rec_fid@fashion-mnist-classifier"));
        assertTrue(KnownMetrics.known("fid@fashion-mnist-classifier"));
        assertFalse(KnownMetrics.known("fid@"));
    }

    @Test
    void aClaimOnAGroupThatDoesNotExistIsRefused() {
        String json = minimal().replace("\"groups\":[\"vae\",\"vae2\"]", "\"groups\":[\"vae\",\"wae\"]");
        StudyFileException e = assertThrows(StudyFileException.class, () -> StudyFiles.parse("tiny.json", json));
        assertTrue(e.getMessage().startsWith("tiny.json: claims[0]: names group 'wae'"), e.getMessage());
    }

    @Test
    void aMissingPaperProfileIsRefused() {
        String json = minimal().replaceAll(",\"paper\":\\{\"seeds\":\\[1\\],[^}]*}", "");
        StudyFileException e = assertThrows(StudyFileException.class, () -> StudyFiles.parse("tiny.json", json));
        assertEquals("tiny.json: profiles.paper: is required", e.getMessage());
    }

    private static String minimal() {
        return """
                {"study":"tiny","title":"t","paper":"p","dataset":"d","imageShape":[1,28,28],
                 "groups":[{"name":"vae","spec":{"model":"vae","hyperparameters":{"latentDim":8}}},
                           {"name":"vae2","spec":{"model":"vae"}}],
                 "profiles":{"local":{"seeds":[1],"steps":10,"batchSize":4,"checkpointEvery":5},"paper":{"seeds":[1],"steps":10,"batchSize":4,"checkpointEvery":5}},
                 "metrics":["reconstruction_mse"],
                 "claims":[{"id":"c","says":"s","rule":"ordering","metric":"reconstruction_mse","groups":["vae","vae2"],"order":"increasing"}],
                 "figure":{"kind":"bars","metrics":["reconstruction_mse"],"groups":["vae"]}}
                """;
    }
}
