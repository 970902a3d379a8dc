package io.hatchet.server.admin;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The fields of a JSON object in a call's body, each read with its type checked: a field of the
 * wrong type, one missing, or one the call does not know is a 400 that names it, as the config
 * file's fields are.
 */
final class Body {
  private final JsonObject object;
  private final String where;

  Body(JsonObject object, String where) {
    this.object = object;
    this.where = where;
  }

  /** Refuses any field not in {@code known}. */
  Body only(Set<String> known) {
    for (String name : object.keySet()) {
      if (!known.contains(name)) {
        throw AdminException.badRequest(name(name) + " is not a field of this call; its fields: "
            + String.join(", ", known));
      }
    }
    return this;
  }

  boolean has(String name) {
    return object.has(name);
  }

  /** A text field, or null when absent and not required. */
  String string(String name, boolean required) {
    JsonElement value = object.get(name);
    if (value == null || value.isJsonNull()) {
      if (required) throw AdminException.badRequest(name(name) + " is missing");
      return null;
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw AdminException.badRequest(name(name) + " must be a string");
    }
    return value.getAsString();
  }

  /** An id given as a string or as a number (pushinator's userId: 5): its text, {@code "5"}. */
  String id(String name) {
    JsonElement value = object.get(name);
    if (value instanceof JsonPrimitive primitive && primitive.isNumber()) {
      return primitive.getAsString();
    }
    if (value instanceof JsonPrimitive primitive && primitive.isString()) return value.getAsString();
    throw AdminException.badRequest(name(name) + (value == null || value.isJsonNull()
        ? " is missing" : " must be a string or a number"));
  }

  /** A list of texts, or null when absent. */
  List<String> strings(String name) {
    JsonElement value = object.get(name);
    if (value == null || value.isJsonNull()) return null;
    if (!value.isJsonArray()) throw AdminException.badRequest(name(name) + " must be an array");
    JsonArray array = value.getAsJsonArray();
    List<String> texts = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonElement item = array.get(i);
      if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
        throw AdminException.badRequest(name(name) + "[" + i + "] must be a string");
      }
      texts.add(item.getAsString());
    }
    return texts;
  }

  /** Any JSON value, {@code null} when absent. */
  JsonElement value(String name) {
    JsonElement value = object.get(name);
    return value == null ? com.google.gson.JsonNull.INSTANCE : value;
  }

  private String name(String field) {
    return where.isEmpty() ? "\"" + field + "\"" : where + ": \"" + field + "\"";
  }
}
