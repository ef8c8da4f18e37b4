package io.github.tcpadapter.console;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Collection;

/**
 * The console's views as JSON, a member per record component. Written with JSON-P: the JSON-B of Payara 6's
 * embedded server writes records as {@code {}}.
 */
final class RecordJson {

    private RecordJson() {
    }

    /** @param view a record, or a list of them */
    static String of(Object view) {
        return value(view).toString();
    }

    private static JsonValue object(Record record) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                object.add(component.getName(), value(component.getAccessor().invoke(record)));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read " + component + " of " + record.getClass(), e);
            }
        }
        return object.build();
    }

    private static JsonValue value(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        } else if (value instanceof Record record) {
            return object(record);
        } else if (value instanceof Collection<?> values) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            values.forEach(element -> array.add(value(element)));
            return array.build();
        } else if (value instanceof Boolean flag) {
            return flag ? JsonValue.TRUE : JsonValue.FALSE;
        } else if (value instanceof Integer || value instanceof Long) {
            return Json.createValue(((Number) value).longValue());
        } else if (value instanceof Number number) {
            return Json.createValue(number.doubleValue());
        } else if (value instanceof String || value instanceof Instant) {
            return Json.createValue(value.toString());
        }
        throw new IllegalArgumentException("No JSON for " + value.getClass());
    }
}
