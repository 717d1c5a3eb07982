package org.posttrade.sinks.clickhouse;

import com.clickhouse.client.api.data_formats.RowBinaryFormatReader;
import com.clickhouse.client.api.data_formats.internal.BinaryStreamReader;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseColumn;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;

/**
 * Turns one RowBinary row back into a JSON object of its columns, for dead letters when the stream element itself
 * could not be kept. Only used for rejected rows, so it favours simplicity over speed.
 */
final class RowJson {
    private final TableSchema schema;

    RowJson(TableSchema schema) {
        this.schema = schema;
    }

    String toJson(byte[] data, int from, int to) {
        try {
            RowBinaryFormatReader reader = new RowBinaryFormatReader(new ByteArrayInputStream(data, from, to - from),
                    new QuerySettings().setUseTimeZone("UTC"), schema,
                    new BinaryStreamReader.DefaultByteBufferAllocator());
            Map<String, Object> row = reader.next();
            StringBuilder json = new StringBuilder("{");
            for (ClickHouseColumn column : schema.getColumns()) {
                if (json.length() > 1) {
                    json.append(',');
                }
                string(json, column.getColumnName());
                json.append(':');
                value(json, row.get(column.getColumnName()));
            }
            return json.append('}').toString();
        } catch (RuntimeException e) {
            // the row is what the server refused, so it may not decode either: keep its bytes
            return "{\"rowBinaryBase64\":\"" + Base64.getEncoder().encodeToString(
                    java.util.Arrays.copyOfRange(data, from, to)) + "\"}";
        }
    }

    private static void value(StringBuilder json, Object v) {
        if (v == null) {
            json.append("null");
        } else if (v instanceof BigDecimal d) {
            json.append(d.toPlainString());
        } else if (v instanceof BigInteger || v instanceof Long || v instanceof Integer || v instanceof Short
                || v instanceof Byte) {
            json.append(v);
        } else if (v instanceof Double d && Double.isFinite(d) || v instanceof Float f && Float.isFinite(f)) {
            json.append(v);
        } else if (v instanceof Boolean) {
            json.append(v);
        } else {
            string(json, String.valueOf(v));
        }
    }

    private static void string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
