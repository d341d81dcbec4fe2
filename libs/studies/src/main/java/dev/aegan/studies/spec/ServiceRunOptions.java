package dev.aegan.studies.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.models.api.InvalidHyperparameterException;
import dev.aegan.models.api.ModelFamily;
import dev.aegan.models.api.UnknownModelException;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.UnsupportedImageShapeException;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.studies.json.Field;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks a services study against the model registry: each group names a family, and every
 * variant's hyperparameters (the group's, the varied ones and the profile's for that family) are
 * ones the family accepts, in range, for the study's image shape.
 */
public final class ServiceRunOptions {

    static final Set<String> GROUP_SPEC_FIELDS = Set.of("model", "hyperparameters");
    static final Set<String> PROFILE_FIELDS = Set.of("seeds", "steps", "batchSize", "checkpointEvery", "hyperparameters");

    private ServiceRunOptions() {
    }

    static ModelFamily family(Field model) {
        try {
            return ModelRegistry.family(model.text());
        } catch (UnknownModelException e) {
            throw model.problem(e.getMessage());
        }
    }

    /** The hyperparameters of one run of {@code group} under {@code profile}. */
    public static Map<String, Object> hyperparameters(Group group, Profile profile, Map<String, Object> varied) {
        Map<String, Object> merged = new LinkedHashMap<>();
        String model = group.spec().get("model").textValue();
        if (profile.settings().get("hyperparameters") instanceof ObjectNode byFamily && byFamily.has(model)) {
            merged.putAll(EventJson.MAPPER.convertValue(byFamily.get(model), Map.class));
        }
        if (group.spec().get("hyperparameters") instanceof ObjectNode own) {
            merged.putAll(EventJson.MAPPER.convertValue(own, Map.class));
        }
        merged.putAll(varied);
        return merged;
    }

    static void check(Field where, Group group, Profile profile, ImageShape shape) {
        ModelFamily family = ModelRegistry.family(group.spec().get("model").textValue());
        for (Map<String, Object> varied : group.variants()) {
            try {
                family.resolve(shape, hyperparameters(group, profile, varied));
            } catch (InvalidHyperparameterException | UnsupportedImageShapeException e) {
                throw where.problem("under profile " + profile.name() + ", variant " + varied + ": " + e.getMessage());
            }
        }
    }
}
