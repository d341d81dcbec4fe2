package dev.aegan.studies.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A node of a study file with its path ({@code claims[2].minSeeds}), so that every error names the
 * file, the place and the problem.
 */
public record Field(String file, String path, JsonNode node) {

    public StudyFileException problem(String message) {
        return new StudyFileException(file, path, message);
    }

    public Field child(String name) {
        return new Field(file, path.isEmpty() ? name : path + "." + name, node.get(name));
    }

    public boolean present() {
        return node != null && !node.isNull();
    }

    public Field required() {
        if (!present()) {
            throw problem("is required");
        }
        return this;
    }

    /** Refuses a field of this object that is not among {@code allowed} (a typo would otherwise be ignored). */
    public Field onlyFields(Set<String> allowed) {
        ObjectNode object = objectNode();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw child(name).problem("is not a known field; expected one of " + String.join(", ", allowed));
            }
        }
        return this;
    }

    public ObjectNode objectNode() {
        if (!(required().node instanceof ObjectNode object)) {
            throw problem("must be an object, got " + node.getNodeType());
        }
        return object;
    }

    public String text() {
        if (!required().node.isTextual()) {
            throw problem("must be a string, got " + node);
        }
        return node.textValue();
    }

    public Optional<String> optionalText() {
        return present() ? Optional.of(text()) : Optional.empty();
    }

    public double number() {
        if (!required().node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw problem("must be a finite number, got " + node);
        }
        return node.doubleValue();
    }

    public double positiveNumber() {
        double value = number();
        if (value <= 0) {
            throw problem("must be above 0");
        }
        return value;
    }

    public int positiveInt() {
        if (!required().node.isIntegralNumber() || node.longValue() < 1 || node.longValue() > Integer.MAX_VALUE) {
            throw problem("must be a positive integer, got " + node);
        }
        return node.intValue();
    }

    public int positiveInt(int absent) {
        return present() ? positiveInt() : absent;
    }

    public List<Field> elements() {
        if (!required().node.isArray() || node.isEmpty()) {
            throw problem("must be a non-empty list, got " + node);
        }
        List<Field> elements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            elements.add(new Field(file, path + "[" + i + "]", node.get(i)));
        }
        return elements;
    }

    public List<String> texts() {
        return elements().stream().map(Field::text).toList();
    }

    /** The fields of this object in file order. */
    public Map<String, Field> entries() {
        Map<String, Field> entries = new LinkedHashMap<>();
        objectNode().fieldNames().forEachRemaining(name -> entries.put(name, child(name)));
        return entries;
    }
}
