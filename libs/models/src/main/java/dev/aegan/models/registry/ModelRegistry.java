package dev.aegan.models.registry;

import dev.aegan.models.alphagan.AlphaGanFamily;
import dev.aegan.models.api.ModelFamily;
import dev.aegan.models.api.UnknownModelException;
import dev.aegan.models.flexae.FlexAeFamily;
import dev.aegan.models.idvae.IdvaeFamily;
import dev.aegan.models.ijae.IjaeFamily;
import dev.aegan.models.vae.VaeFamily;
import dev.aegan.models.wae.WaeFamily;
import dev.aegan.models.wgan.WganFamily;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every model family this library provides, by name. A new family adds one line here. */
public final class ModelRegistry {

    private static final Map<String, ModelFamily> FAMILIES = index(List.of(new VaeFamily(),
            IjaeFamily.implicit(), IjaeFamily.laplace(), IjaeFamily.gaussian(), new WganFamily(), WaeFamily.mmd(),
            WaeFamily.gan(), new AlphaGanFamily(), FlexAeFamily.flexAe(),
            FlexAeFamily.flexAeSr(), IdvaeFamily.idvae(), IdvaeFamily.idvaeR(),
            IdvaeFamily.cIdvae()));

    private ModelRegistry() {
    }

    /** @throws UnknownModelException listing the known names */
    public static ModelFamily family(String name) {
        ModelFamily family = FAMILIES.get(name);
        if (family == null) {
            throw new UnknownModelException(name, names());
        }
        return family;
    }

    public static Set<String> names() {
        return FAMILIES.keySet();
    }

    private static Map<String, ModelFamily> index(List<ModelFamily> families) {
        Map<String, ModelFamily> byName = new LinkedHashMap<>();
        for (ModelFamily family : families) {
            if (byName.put(family.name(), family) != null) {
                throw new IllegalStateException("two model families are named " + family.name());
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}
