package org.posttrade.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.posttrade.contracts.Decimals;
import org.posttrade.schema.ExecType;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.Instrument;
import org.posttrade.schema.LiquidityIndicator;
import org.posttrade.schema.OrdStatus;
import org.posttrade.schema.Side;
import org.posttrade.schema.SourceMetadata;

/** Against the real registry the local cluster runs (Apicurio's Confluent-compatible API). */
class SchemaRegistryClientIT {

    static SchemaRegistryClient registry;

    @BeforeAll
    static void connect() {
        String url = System.getenv("POSTTRADE_REGISTRY_URL");
        if (url == null) {
            throw new IllegalStateException("POSTTRADE_REGISTRY_URL is not set: start the services with "
                    + "local-cluster/up (or run the README's test command)");
        }
        registry = new SchemaRegistryClient(RegistryConfig.of(url));
    }

    static String freshSubject() {
        return "it-" + UUID.randomUUID() + "-value";
    }

    @Test
    void registersOnceAndFindsTheSameIdAgain() {
        String subject = freshSubject();
        int id = registry.register(subject, ExecutionReport.getClassSchema());

        SchemaRegistryClient fresh = new SchemaRegistryClient(registry.config());
        assertThat(fresh.lookup(subject, ExecutionReport.getClassSchema())).isEqualTo(id);
        assertThat(fresh.register(subject, ExecutionReport.getClassSchema())).isEqualTo(id);
        assertThat(fresh.schemaById(id).getFullName()).isEqualTo("org.posttrade.schema.ExecutionReport");
        assertThat(fresh.subjects()).contains(subject);
    }

    @Test
    void roundTripsARecordThroughTheWireFormatWithExactDecimals() {
        String subject = freshSubject();
        ExecutionReport report = sampleReport();
        ConfluentAvroSerializer<ExecutionReport> serializer =
                new ConfluentAvroSerializer<>(registry, subject, ExecutionReport.getClassSchema());
        byte[] bytes = serializer.serialize(report);

        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(WireFormat.schemaId(bytes)).isEqualTo(serializer.schemaId());
        ExecutionReport read = new ConfluentAvroDeserializer<>(new SchemaRegistryClient(registry.config()),
                ExecutionReport.class).deserialize(bytes);
        assertThat(read).isEqualTo(report);
        assertThat(read.getLastPx()).isEqualTo(Decimals.of("64123.123456789012345678"));
    }

    @Test
    void readsDataOfAnOlderWriterSchemaIntoTheCurrentClass() {
        String subject = freshSubject();
        // an older producer that did not yet send the optional correlationId: resolved by Avro schema resolution
        Schema oldMeta = SchemaBuilder.record("SourceMetadata").namespace("org.posttrade.schema").fields()
                .requiredString("sourceSystem").name("producedAt").type().longType().noDefault().endRecord();
        Schema older = SchemaBuilder.record("Probe").namespace("it").fields()
                .name("meta").type(oldMeta).noDefault().endRecord();
        Schema newer = SchemaBuilder.record("Probe").namespace("it").fields()
                .name("meta").type(SourceMetadata.getClassSchema()).noDefault().endRecord();
        registry.register(subject, older);
        assertThat(registry.register(subject, newer)).isPositive();
    }

    @Test
    void anIncompatibleChangeIsRefusedWithConflict() {
        String subject = freshSubject();
        registry.setCompatibility(subject, "BACKWARD");
        Schema v1 = SchemaBuilder.record("Probe").namespace("it").fields().requiredString("a").endRecord();
        Schema v2 = SchemaBuilder.record("Probe").namespace("it").fields().requiredString("a")
                .requiredString("addedWithoutDefault").endRecord();
        registry.register(subject, v1);

        assertThatThrownBy(() -> registry.register(subject, v2))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(409));
    }

    @Test
    void anUnknownSchemaIdIsAWireFormatErrorNotARetry() {
        byte[] bytes = {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 4};
        ConfluentAvroDeserializer<ExecutionReport> deserializer =
                new ConfluentAvroDeserializer<>(registry, ExecutionReport.class);
        assertThatThrownBy(() -> deserializer.deserialize(bytes))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("unknown schema id");
    }

    @Test
    void truncatedAvroIsAWireFormatErrorNamingTheSchemaId() {
        String subject = freshSubject();
        ConfluentAvroSerializer<ExecutionReport> serializer =
                new ConfluentAvroSerializer<>(registry, subject, ExecutionReport.getClassSchema());
        byte[] bytes = serializer.serialize(sampleReport());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);

        assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(registry, ExecutionReport.class).deserialize(truncated))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.schemaId()).isEqualTo(serializer.schemaId()));
    }

    static ExecutionReport sampleReport() {
        return ExecutionReport.newBuilder()
                .setEventId("BINANCE/E1").setVenue("BINANCE").setExecId("E1").setOrderId("O1").setClOrdId("C1")
                .setAccount("ACC-1")
                .setInstrument(new Instrument("BTC-USDT", "BTC", "USDT"))
                .setSide(Side.BUY).setExecType(ExecType.TRADE).setOrdStatus(OrdStatus.FILLED)
                .setLastQty(Decimals.of("0.015")).setLastPx(Decimals.of("64123.123456789012345678"))
                .setCumQty(Decimals.of("0.015")).setLeavesQty(Decimals.ZERO)
                .setCommission(Decimals.of(new BigDecimal("0.00001"))).setCommissionAsset("BNB")
                .setLiquidityIndicator(LiquidityIndicator.REMOVED)
                .setTransactTime(Instant.parse("2026-11-22T10:15:30.123Z"))
                .setTradeDate(LocalDate.of(2026, 11, 22))
                .setMeta(new SourceMetadata("it", Instant.parse("2026-11-22T10:15:30.200Z"), null))
                .build();
    }
}
