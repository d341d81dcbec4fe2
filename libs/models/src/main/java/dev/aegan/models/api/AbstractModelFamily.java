package dev.aegan.models.api;

import ai.djl.Device;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.UnsupportedImageShapeException;
import java.util.Map;

/**
 * A family whose validation is a check of the image shape followed by its hyperparameter schema;
 * subclasses name their config record (whose {@link Hyperparameter} components are the schema), the
 * shapes their networks take and how a model is built.
 *
 * @param <C> the family's config record
 */
public abstract class AbstractModelFamily<C extends Record> implements ModelFamily {

    /** Which image shapes a family's networks can be built for. */
    @FunctionalInterface
    protected interface ShapeRequirement {

        /** @throws UnsupportedImageShapeException for a shape that {@code family}'s networks cannot take */
        void require(String family, ImageShape shape);
    }

    private final String name;
    private final ConfigRecord<C> config;
    private final HyperparameterSchema schema;
    private final ShapeRequirement shapeRequirement;

    protected AbstractModelFamily(String name, Class<C> config, ShapeRequirement shapeRequirement) {
        this.name = name;
        this.config = ConfigRecord.of(config);
        this.schema = this.config.schema(name);
        this.shapeRequirement = shapeRequirement;
    }

    /**
     * Height and width both in [min, max].
     *
     * @param why what bounds the sides (e.g. "three stride-2 convolutions"), or null
     */
    protected static ShapeRequirement sidesWithin(int min, int max, String why) {
        return (family, shape) -> UnsupportedImageShapeException.requireSidesWithin(family, shape, min, max, why);
    }

    @Override
    public String name() {
        return name;
    }

    /** The config record the family's hyperparameters are declared on and bound to. */
    public ConfigRecord<C> config() {
        return config;
    }

    @Override
    public Map<String, Object> defaultHyperparameters() {
        return schema.defaults();
    }

    @Override
    public Map<String, Object> resolve(ImageShape shape, Map<String, ?> hyperparameters) {
        shapeRequirement.require(name, shape);
        return schema.resolve(hyperparameters);
    }

    @Override
    public final GenerativeModel create(ImageShape shape, Map<String, ?> hyperparameters, Device device) {
        return newModel(shape, resolve(shape, hyperparameters), device);
    }

    /** Builds a model from hyperparameters that {@link #resolve} has already validated and completed. */
    protected abstract GenerativeModel newModel(ImageShape shape, Map<String, Object> effective, Device device);
}
