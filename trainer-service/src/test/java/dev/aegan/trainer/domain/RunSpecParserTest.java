package dev.aegan.trainer.domain;

import dev.aegan.contracts.Identifiers;
import dev.aegan.contracts.events.RunSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunSpecParserTest {
    private final RunSpecParser parser = new RunSpecParser(new RunSpecParser.SpecLimits(1000, 64, 100, 50_000, 512));

    private RunSpec parse(String json) {
        return parser.parse(json, null, RunIds::newId);
    }

    private RejectedSpecException refused(String json, String key) {
        return assertThrows(RejectedSpecException.class, () -> parser.parse(json, key, RunIds::newId));
    }

    @Test
    void fillsDefaultsAndAssignsAnIdNamedAfterTheModel() {
        RunSpec spec = parse("{\"model\":\"vae\",\"dataset\":\"fashion\"}");
        assertEquals(1000, spec.steps());
        assertEquals(64, spec.batchSize());
        assertEquals(100, spec.checkpointEvery());
        assertEquals(0L, spec.seed());
        assertEquals(RunSpec.SCHEMA, spec.schema());
        assertTrue(spec.runId().matches("vae-[0-9a-f]{8}"), spec.runId());
        assertEquals(Map.of(), spec.hyperparameters());
        assertEquals(RunSpec.JUDGING_NEWEST, spec.judging());
    }

    @Test
    void keepsWhatWasGiven() {
        RunSpec spec = parse("{\"runId\":\"sweep-1\",\"group\":\"sweep\",\"model\":\"vae\",\"dataset\":\"d\",\"seed\":-5,"
                + "\"steps\":30,\"batchSize\":16,\"checkpointEvery\":10,\"hyperparameters\":{\"beta\":0.5,\"latentDim\":8}}");
        assertEquals("sweep-1", spec.runId());
        assertEquals("sweep", spec.group());
        assertEquals(-5L, spec.seed());
        assertEquals(30, spec.steps());
        assertEquals(16, spec.batchSize());
        assertEquals(10, spec.checkpointEvery());
        assertEquals(Map.of("beta", 0.5, "latentDim", 8), spec.hyperparameters());
    }

    @Test
    void aRunMayAskForEveryCheckpointToBeJudgedAndNothingElse() {
        assertEquals(RunSpec.JUDGING_EVERY, parse("{\"model\":\"vae\",\"dataset\":\"d\",\"judging\":\"every\"}").judging());
        RejectedSpecException sometimes = refused("{\"model\":\"vae\",\"dataset\":\"d\",\"judging\":\"sometimes\"}", null);
        assertEquals(SpecRejection.INVALID_SPEC, sometimes.code());
        assertEquals("judging must be one of [newest, every], got 'sometimes'", sometimes.getMessage());
        assertEquals(SpecRejection.INVALID_SPEC, refused("{\"model\":\"vae\",\"dataset\":\"d\",\"judging\":1}", null).code());
    }

    @Test
    void aRunMayFollowItsDatasetAndAFalseFollowReadsAsAnAbsentOne() {
        assertTrue(parse("{\"model\":\"vae\",\"dataset\":\"d\",\"follow\":true}").follows());
        assertEquals(parse("{\"runId\":\"r\",\"model\":\"vae\",\"dataset\":\"d\"}"),
                parse("{\"runId\":\"r\",\"model\":\"vae\",\"dataset\":\"d\",\"follow\":false}"));
        for (String nonsense : new String[] {"\"yes\"", "1", "{}"}) {
            RejectedSpecException refused = refused("{\"model\":\"vae\",\"dataset\":\"d\",\"follow\":" + nonsense + "}", null);
            assertEquals(SpecRejection.INVALID_SPEC, refused.code());
            assertEquals("follow must be true or false, got " + nonsense, refused.getMessage());
        }
    }

    @Test
    void aShortRunCheckpointsAtItsEndByDefault() {
        assertEquals(30, parse("{\"model\":\"vae\",\"dataset\":\"d\",\"steps\":30}").checkpointEvery());
    }

    @Test
    void refusesWhatIsNotAJsonObject() {
        assertEquals(SpecRejection.INVALID_JSON, refused("{\"model\":", null).code());
        assertEquals(SpecRejection.INVALID_JSON, refused("[1,2]", null).code());
        assertEquals(SpecRejection.INVALID_JSON, refused("", null).code());
        assertEquals(SpecRejection.INVALID_JSON, refused(null, null).code());
    }

    @Test
    void refusesOutOfRangeBudgetsNamingTheField() {
        RejectedSpecException steps = refused("{\"model\":\"vae\",\"dataset\":\"d\",\"steps\":0}", null);
        assertEquals(SpecRejection.INVALID_SPEC, steps.code());
        assertTrue(steps.getMessage().contains("steps"), steps.getMessage());
        assertEquals(SpecRejection.INVALID_SPEC, refused("{\"model\":\"vae\",\"dataset\":\"d\",\"steps\":50001}", null).code());
        assertEquals(SpecRejection.INVALID_SPEC, refused("{\"model\":\"vae\",\"dataset\":\"d\",\"batchSize\":513}", null).code());
        assertEquals(SpecRejection.INVALID_SPEC, refused("{\"model\":\"vae\",\"dataset\":\"d\",\"batchSize\":0}", null).code());
        assertEquals(SpecRejection.INVALID_SPEC,
                refused("{\"model\":\"vae\",\"dataset\":\"d\",\"steps\":10,\"checkpointEvery\":11}", null).code());
        assertEquals(SpecRejection.INVALID_SPEC, refused("{\"model\":\"vae\",\"dataset\":\"d\",\"steps\":2.5}", null).code());
        assertEquals(SpecRejection.INVALID_SPEC, refused("{\"model\":\"vae\",\"dataset\":\"d\",\"steps\":\"10\"}", null).code());
    }

    @Test
    void refusesUnknownFieldsSoATypoIsNotSilentlyIgnored() {
        RejectedSpecException e = refused("{\"model\":\"vae\",\"dataset\":\"d\",\"step\":10}", null);
        assertEquals(SpecRejection.INVALID_SPEC, e.code());
        assertTrue(e.getMessage().contains("'step'"), e.getMessage());
    }

    @Test
    void requiresModelAndDataset() {
        assertEquals(SpecRejection.INVALID_SPEC, refused("{\"dataset\":\"d\"}", null).code());
        assertEquals(SpecRejection.INVALID_SPEC, refused("{\"model\":\"vae\"}", null).code());
        assertEquals(SpecRejection.INVALID_SPEC, refused("{\"model\":\"vae\",\"dataset\":\"d\",\"hyperparameters\":[1]}", null).code());
    }

    @Test
    void theRecordKeyIsTheRunId() {
        assertEquals("from-key", parser.parse("{\"model\":\"vae\",\"dataset\":\"d\"}", "from-key", m -> "unused").runId());
        assertEquals(SpecRejection.INVALID_SPEC,
                refused("{\"runId\":\"other\",\"model\":\"vae\",\"dataset\":\"d\"}", "from-key").code());
        assertEquals(SpecRejection.INVALID_SPEC, refused("{\"runId\":\"Not Valid\",\"model\":\"vae\",\"dataset\":\"d\"}", null).code());
    }

    /** Run ids, groups and datasets follow the rule every service applies; the refusal names the field and the rule. */
    @Test
    void refusesIdentifiersThatBreakTheSharedRuleNamingTheField() {
        String markup = "<img src=x onerror=alert(1)>" + "x".repeat(466) + "../../";
        RejectedSpecException group = refused("{\"model\":\"vae\",\"dataset\":\"d\",\"group\":\"" + markup + "\"}", null);
        assertEquals(SpecRejection.INVALID_SPEC, group.code());
        assertTrue(group.getMessage().startsWith("group '<img src=x"), group.getMessage());
        assertTrue(group.getMessage().contains("(500 characters) is not a valid group") && group.getMessage().length() < 250,
                group.getMessage());
        assertTrue(group.getMessage().contains(Identifiers.RULE), group.getMessage());

        RejectedSpecException dataset = refused("{\"model\":\"vae\",\"dataset\":\"../x\"}", null);
        assertEquals(SpecRejection.INVALID_SPEC, dataset.code());
        assertTrue(dataset.getMessage().startsWith("dataset '../x' is not a valid dataset name"), dataset.getMessage());

        assertTrue(refused("{\"runId\":\"..\",\"model\":\"vae\",\"dataset\":\"d\"}", null).getMessage()
                .startsWith("runId '..' is not a valid run id"));
        assertTrue(refused("{\"model\":\"vae\",\"dataset\":\"d\"}", "../x").getMessage()
                .startsWith("runId (the record key) '../x' is not a valid run id"));
        // a bad runId in the body is named as such, not as a disagreement with a good key
        assertTrue(refused("{\"runId\":\"a/b\",\"model\":\"vae\",\"dataset\":\"d\"}", "good-key").getMessage()
                .startsWith("runId 'a/b' is not a valid run id"));
        assertEquals("mnist_v2.1", parse("{\"model\":\"vae\",\"dataset\":\"mnist_v2.1\",\"group\":\"g.1\"}").dataset());
    }
}
