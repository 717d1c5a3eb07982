package org.posttrade.contracts;

import org.apache.avro.specific.SpecificRecord;
import org.posttrade.schema.DeadLetter;

/**
 * What a Kafka source produces for each consumed record: either the decoded record with its coordinates, or the
 * dead letter that says why it could not be decoded. Decoding never throws for a bad record, so one bad record can
 * neither stop the job nor be skipped silently. A POJO so Flink serializes it without Kryo.
 */
public class Decoded<T extends SpecificRecord> {
    private Sourced<T> record;
    private DeadLetter deadLetter;

    public Decoded() {}

    public static <T extends SpecificRecord> Decoded<T> ok(Sourced<T> record) {
        Decoded<T> decoded = new Decoded<>();
        decoded.record = record;
        return decoded;
    }

    public static <T extends SpecificRecord> Decoded<T> failed(DeadLetter deadLetter) {
        Decoded<T> decoded = new Decoded<>();
        decoded.deadLetter = deadLetter;
        return decoded;
    }

    public boolean isOk() { return record != null; }

    public Sourced<T> getRecord() { return record; }

    public void setRecord(Sourced<T> record) { this.record = record; }

    public DeadLetter getDeadLetter() { return deadLetter; }

    public void setDeadLetter(DeadLetter deadLetter) { this.deadLetter = deadLetter; }

    @Override
    public String toString() {
        return isOk() ? "Decoded[" + record + "]" : "Decoded[dead letter " + deadLetter + "]";
    }
}
