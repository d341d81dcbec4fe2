package dev.aegan.trainer.support;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.aegan.contracts.events.EventJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The contracts' published JSON schemas, to check what the trainer writes against what consumers were promised. */
public final class Schemas {
    private Schemas() {
    }

    public static void assertValid(String schemaFile, byte[] json) {
        try (InputStream in = Schemas.class.getResourceAsStream("/schemas/" + schemaFile)) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            Set<ValidationMessage> problems = schema.validate(EventJson.MAPPER.readTree(json));
            assertEquals(Set.of(), problems, schemaFile + ": " + new String(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
