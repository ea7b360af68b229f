package org.nicmanager.cluster;

import java.math.BigDecimal;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * Reads one JSON object field by field, refusing anything this version does not know: a missing field, a field of the
 * wrong type, a number with a fraction or out of range, an unknown field. A record is taken whole or not at all.
 */
final class StrictJson {

    private final JsonObject object;

    private StrictJson(JsonObject object) {
        this.object = object;
    }

    /** @throws IllegalArgumentException saying what is wrong */
    static StrictJson object(String text, Set<String> fields) {
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(text);
        } catch (JsonParseException bad) {
            throw new IllegalArgumentException("not JSON: " + bad.getMessage());
        }
        if (!parsed.isJsonObject()) {
            throw new IllegalArgumentException("not a JSON object: " + abbreviated(text));
        }
        return new StrictJson(parsed.getAsJsonObject()).only(fields);
    }

    StrictJson only(Set<String> fields) {
        for (String key : object.keySet()) {
            if (!fields.contains(key)) {
                throw new IllegalArgumentException("unknown field '" + key + "'; known: " + fields);
            }
        }
        return this;
    }

    String string(String field) {
        JsonElement value = required(field);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("'" + field + "' must be a string, not " + value);
        }
        return value.getAsString();
    }

    /** A string, or null when the field is absent or null. */
    String optionalString(String field) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() ? null : string(field);
    }

    long whole(String field, long min, long max) {
        JsonElement value = required(field);
        return whole(field, value, min, max);
    }

    /** A whole number, or null when the field is absent or null. */
    Long optionalWhole(String field, long min, long max) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() ? null : whole(field, value, min, max);
    }

    /** A nested object, or null when the field is absent or null. */
    StrictJson optionalObject(String field, Set<String> fields) {
        JsonElement value = object.get(field);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonObject()) {
            throw new IllegalArgumentException("'" + field + "' must be an object, not " + value);
        }
        return new StrictJson(value.getAsJsonObject()).only(fields);
    }

    private static long whole(String field, JsonElement value, long min, long max) {
        if (!value.isJsonPrimitive() || !((JsonPrimitive) value).isNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be a number, not " + value);
        }
        long whole;
        try {
            whole = new BigDecimal(value.getAsString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException notWhole) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number, not " + value);
        }
        if (whole < min || whole > max) {
            throw new IllegalArgumentException("'" + field + "' is " + whole + "; allowed: " + min + ".." + max);
        }
        return whole;
    }

    private JsonElement required(String field) {
        JsonElement value = object.get(field);
        if (value == null || value.isJsonNull()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return value;
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
