package org.posttrade.sinks.clickhouse.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.OperatorIOMetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/** A sink writer metric group that keeps what is registered, so tests can read counters by name. */
public final class RecordingSinkWriterMetricGroup extends UnregisteredMetricsGroup implements SinkWriterMetricGroup {
    private final Map<String, Metric> metrics = new ConcurrentHashMap<>();
    private final Counter numRecordsSend = new SimpleCounter();
    private final Counter numBytesSend = new SimpleCounter();
    private final Counter numRecordsSendErrors = new SimpleCounter();
    private final Counter numRecordsOutErrors = new SimpleCounter();

    @Override
    public Counter counter(String name) {
        return counter(name, new SimpleCounter());
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
        metrics.put(name, counter);
        return counter;
    }

    @Override
    public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
        metrics.put(name, gauge);
        return gauge;
    }

    @Override
    public <H extends Histogram> H histogram(String name, H histogram) {
        metrics.put(name, histogram);
        return histogram;
    }

    /** A registered counter's count; fails when no counter has that name. */
    public long count(String name) {
        Metric m = metrics.get(name);
        if (!(m instanceof Counter c)) {
            throw new AssertionError("no counter " + name + " among " + metrics.keySet());
        }
        return c.getCount();
    }

    public Histogram histogram(String name) {
        Metric m = metrics.get(name);
        if (!(m instanceof Histogram h)) {
            throw new AssertionError("no histogram " + name + " among " + metrics.keySet());
        }
        return h;
    }

    @Override
    public Counter getNumRecordsOutErrorsCounter() { return numRecordsOutErrors; }

    @Override
    public Counter getNumRecordsSendErrorsCounter() { return numRecordsSendErrors; }

    @Override
    public Counter getNumRecordsSendCounter() { return numRecordsSend; }

    @Override
    public Counter getNumBytesSendCounter() { return numBytesSend; }

    @Override
    public void setCurrentSendTimeGauge(Gauge<Long> gauge) {
    }

    @Override
    public OperatorIOMetricGroup getIOMetricGroup() {
        return UnregisteredMetricsGroup.createOperatorIOMetricGroup();
    }
}
