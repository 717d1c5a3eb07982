package org.posttrade.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.posttrade.contracts.Decimals;

/** Every record the model makes, malformed carriers included, has scale-18 decimals and round-trips through Avro. */
class EncodingTest {

    @Test
    void everyDecimalHasScale18() {
        for (GeneratedEvent event : TestScenarios.forced().events()) {
            assertScale18(event.record(), event.toString());
        }
    }

    @Test
    void everyRecordEncodesAndDecodesUnchanged() throws Exception {
        for (GeneratedEvent event : TestScenarios.forced().events()) {
            SpecificRecordBase record = event.record();
            Schema schema = event.stream().schema();
            SpecificDatumWriter<SpecificRecord> writer = new SpecificDatumWriter<>(schema);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(record, encoder);
            encoder.flush();
            SpecificDatumReader<SpecificRecord> reader = new SpecificDatumReader<>(schema);
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
            assertThat(reader.read(null, decoder)).as(event.toString()).isEqualTo(record);
        }
    }

    private static void assertScale18(Object value, String where) {
        if (value instanceof BigDecimal decimal) {
            assertThat(decimal.scale()).as(where).isEqualTo(Decimals.SCALE);
        } else if (value instanceof SpecificRecord record) {
            for (Schema.Field field : record.getSchema().getFields()) {
                assertScale18(record.get(field.pos()), where + "." + field.name());
            }
        } else if (value instanceof List<?> list) {
            list.forEach(v -> assertScale18(v, where + "[]"));
        }
    }
}
