package org.posttrade.sinks.clickhouse;

/**
 * Stores a batch; when the server refuses it because of some row, splits it in halves and stores those, recursively,
 * until each refused row is alone. Those go to the rejector with the server's reason; every other row is stored.
 * A batch with one bad row costs about 2·log2(n) extra requests and sends about 2n extra rows.
 */
final class BatchBisector {

    /** Takes one refused row. */
    interface Rejector {
        void reject(int row, InsertException cause) throws Exception;
    }

    private final RetryingInserter inserter;
    private final int maxRejectedPerBatch;
    private final String target;

    BatchBisector(RetryingInserter inserter, int maxRejectedPerBatch, String target) {
        this.inserter = inserter;
        this.maxRejectedPerBatch = maxRejectedPerBatch;
        this.target = target;
    }

    /** Stores every row of the buffer but the refused ones; returns how many were refused. */
    int store(RowBuffer buffer, Rejector rejector) throws Exception {
        if (buffer.isEmpty()) {
            return 0;
        }
        int[] rejected = {0};
        store(buffer, 0, buffer.rows(), rejector, rejected);
        return rejected[0];
    }

    private void store(RowBuffer buffer, int from, int to, Rejector rejector, int[] rejected) throws Exception {
        int start = buffer.rowStart(from);
        int end = buffer.rowEnd(to - 1);
        try {
            inserter.insert(buffer.array(), start, end - start, to - from);
        } catch (InsertException refused) {
            if (to - from == 1) {
                if (++rejected[0] > maxRejectedPerBatch) {
                    // so many refusals point at a mismatch between mapper and table, not at bad rows:
                    // fail instead of dead-lettering the whole stream
                    throw new ClickHouseSinkException("more than " + maxRejectedPerBatch + " rows of one batch "
                            + "refused by " + target + " (" + ClickHouseSinkOptions.REJECTED_MAX_PER_BATCH.key()
                            + "); mapper and table probably disagree. Last: " + refused.getMessage(), refused);
                }
                rejector.reject(from, refused);
                return;
            }
            int mid = (from + to) >>> 1;
            store(buffer, from, mid, rejector, rejected);
            store(buffer, mid, to, rejector, rejected);
        }
    }
}
