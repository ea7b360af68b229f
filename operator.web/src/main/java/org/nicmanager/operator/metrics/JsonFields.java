package org.nicmanager.operator.metrics;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Tolerant reads of the commands' JSON documents: a field a version does not have reads as absent, not as an error. */
final class JsonFields {

    private JsonFields() {
    }

    static List<JsonObject> objects(JsonObject document, String arrayField) {
        List<JsonObject> found = new ArrayList<>();
        if (document != null && document.get(arrayField) instanceof JsonArray array) {
            for (JsonElement element : array) {
                if (element.isJsonObject()) {
                    found.add(element.getAsJsonObject());
                }
            }
        }
        return found;
    }

    static String text(JsonObject object, String field, String absent) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() ? absent : value.getAsString();
    }

    /** The number in {@code field}, or NaN when it is absent or not a number. */
    static double number(JsonObject object, String field) {
        JsonElement value = object.get(field);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            return Double.NaN;
        }
        return value.getAsDouble();
    }

    static boolean bool(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value != null && value.isJsonPrimitive() && value.getAsBoolean();
    }

    static JsonObject object(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
    }
}
