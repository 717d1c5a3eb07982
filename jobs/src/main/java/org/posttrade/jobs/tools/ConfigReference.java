package org.posttrade.jobs.tools;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.flink.util.TimeUtils;
import org.posttrade.jobs.config.JobConfig;
import org.posttrade.jobs.config.PipelineOptions;

/** The configuration reference of the README, generated from {@link PipelineOptions} (a test keeps them in step). */
public final class ConfigReference {
    private ConfigReference() {}

    public static String markdown() {
        StringBuilder out = new StringBuilder("| key | default | description |\n|---|---|---|\n");
        for (ConfigOption<?> option : PipelineOptions.all()) {
            out.append("| `").append(option.key()).append("` | ").append(defaultText(option)).append(" | ")
                    .append(new HtmlFormatter().format(option.description()).replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    private static String defaultText(ConfigOption<?> option) {
        String jobDefault = JobConfig.jobDefault(option.key());
        Object value = jobDefault != null ? jobDefault : option.hasDefaultValue() ? option.defaultValue() : null;
        if (value == null) {
            return "(none)";
        }
        if (value instanceof Duration duration) {
            return "`" + TimeUtils.formatWithHighestUnit(duration) + "`";
        }
        if (value instanceof List<?> list) {
            return "`" + list.stream().map(Object::toString).collect(Collectors.joining(";")) + "`";
        }
        return "`" + value + "`";
    }
}
