package dev.aegan.models.api;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A family's config record whose components are declared with {@link Hyperparameter}: the source
 * of the family's schema and the binding of resolved values to a typed config.
 *
 * <p>Components without the annotation are the family's own variant (e.g. which penalty a WAE uses):
 * {@link #bind} takes them, in declaration order, from its caller.
 */
public final class ConfigRecord<R extends Record> {

    /** One declared hyperparameter: the record component and its annotation. */
    public record Declaration(String key, Class<?> type, Hyperparameter spec) {

        /** Whether {@code family} accepts it. */
        public boolean appliesTo(String family) {
            return spec.only().length == 0 || Arrays.asList(spec.only()).contains(family);
        }

        /** The default text for {@code family} (a {@link Hyperparameter#defaultFor()} entry or the value). */
        public String defaultText(String family) {
            for (String entry : spec.defaultFor()) {
                int eq = entry.indexOf('=');
                if (entry.substring(0, eq).equals(family)) {
                    return entry.substring(eq + 1);
                }
            }
            return spec.value();
        }
    }

    private final Class<R> type;
    private final RecordComponent[] components;
    private final Constructor<R> constructor;
    private final List<Declaration> declarations = new ArrayList<>();

    private ConfigRecord(Class<R> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        try {
            this.constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type + " has no canonical constructor", e);
        }
        for (RecordComponent component : components) {
            Hyperparameter spec = component.getAnnotation(Hyperparameter.class);
            if (spec != null) {
                declarations.add(new Declaration(component.getName(), component.getType(), spec));
            }
        }
    }

    public static <R extends Record> ConfigRecord<R> of(Class<R> type) {
        return new ConfigRecord<>(type);
    }

    public Class<R> type() {
        return type;
    }

    /** The declared hyperparameters, in the record's order. */
    public List<Declaration> declarations() {
        return List.copyOf(declarations);
    }

    /** The schema of {@code family}: the declarations that apply to it, in the record's order. */
    public HyperparameterSchema schema(String family) {
        HyperparameterSchema.Builder builder = HyperparameterSchema.builder(family);
        for (Declaration declaration : declarations) {
            if (declaration.appliesTo(family)) {
                builder.declare(declaration.key(), declaration.type(), declaration.defaultText(family),
                        declaration.spec().range(), declaration.spec().choices());
            }
        }
        return builder.build();
    }

    /**
     * The typed config of resolved hyperparameters ({@link HyperparameterSchema#resolve}); a declared
     * key the family does not accept binds as 0, false or null.
     *
     * @param variant the values of the components that are not hyperparameters, in order
     */
    public R bind(Map<String, Object> effective, Object... variant) {
        Object[] arguments = new Object[components.length];
        int next = 0;
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            if (component.getAnnotation(Hyperparameter.class) == null) {
                arguments[i] = variant[next++];
            } else {
                Object value = effective.get(component.getName());
                arguments[i] = value != null ? value : absent(component.getType());
            }
        }
        if (next != variant.length) {
            throw new IllegalArgumentException(type.getSimpleName() + " takes " + next + " variant values, got "
                    + variant.length);
        }
        try {
            return constructor.newInstance(arguments);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot build " + type, e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private static Object absent(Class<?> type) {
        if (type == int.class) {
            return 0;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == boolean.class) {
            return false;
        }
        return null;
    }
}
