package org.posttrade.jobs.tools;

import java.util.List;
import org.posttrade.jobs.config.JobConfig;
import org.posttrade.sinks.clickhouse.ClickHouseSinkOptions;
import org.posttrade.sinks.clickhouse.migrations.ClickHouseMigrations;
import org.posttrade.sinks.clickhouse.migrations.Migration;

/** Applies the reporting model's versioned migrations to the configured ClickHouse database (idempotent). */
public final class MigrationSetup {
    private MigrationSetup() {}

    public static List<String> apply(JobConfig config) {
        ClickHouseMigrations.Report report = ClickHouseMigrations.builder()
                .url(config.clickHouseUrl())
                .database(config.get(ClickHouseSinkOptions.DATABASE))
                .user(config.get(ClickHouseSinkOptions.USERNAME))
                .password(config.clickHousePassword())
                .build()
                .migrate();
        return report.applied().stream().map(Migration::toString).toList();
    }
}
