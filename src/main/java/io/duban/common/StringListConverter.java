package io.duban.common;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.ArrayList;
import java.util.List;

/** Stores a short list of names (aliases, roles) as one newline-separated VARCHAR column. */
@Converter
public class StringListConverter implements AttributeConverter<List<String>, String> {
  @Override
  public String convertToDatabaseColumn(List<String> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    return String.join("\n", values);
  }

  @Override
  public List<String> convertToEntityAttribute(String column) {
    List<String> values = new ArrayList<>();
    if (column != null && !column.isEmpty()) {
      for (String v : column.split("\n")) {
        if (!v.isEmpty()) {
          values.add(v);
        }
      }
    }
    return values;
  }
}
