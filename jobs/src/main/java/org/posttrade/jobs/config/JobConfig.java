package org.posttrade.jobs.config;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.posttrade.contracts.Stream;
import org.posttrade.operators.positions.PositionsConfig;
import org.posttrade.operators.reconciliation.ReconciliationConfig;
import org.posttrade.operators.settlement.SettlementConfig;
import org.posttrade.operators.validation.ReferenceData;
import org.posttrade.registry.RegistryConfig;
import org.posttrade.sinks.clickhouse.ClickHouseSinkOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The resolved settings of a job. Precedence, lowest first: defaults, {@code --config file.properties},
 * environment variables, {@code --key value} arguments. Secrets (passwords, registry user info) may come from the
 * environment so that they never appear on a command line; {@link #toString()} masks them.
 */
public final class JobConfig {
    /** Environment variables read as settings, and the key each one sets. */
    static final Map<String, String> ENVIRONMENT = Map.of(
            "POSTTRADE_KAFKA_BOOTSTRAP", PipelineOptions.KAFKA_BOOTSTRAP.key(),
            "POSTTRADE_REGISTRY_URL", PipelineOptions.REGISTRY_URL.key(),
            "POSTTRADE_REGISTRY_USER_INFO", PipelineOptions.REGISTRY_PROPERTY_PREFIX + RegistryConfig.BASIC_AUTH_USER_INFO,
            "POSTTRADE_CLICKHOUSE_URL", ClickHouseSinkOptions.ENDPOINTS.key(),
            "CLICKHOUSE_USER", ClickHouseSinkOptions.USERNAME.key(),
            "CLICKHOUSE_PASSWORD", ClickHouseSinkOptions.PASSWORD.key());

    /** The jobs' own defaults for options declared by components with neutral defaults (the local cluster's). */
    static final Map<String, String> JOB_DEFAULTS = Map.of(
            ClickHouseSinkOptions.ENDPOINTS.key(), "http://127.0.0.1:18123",
            ClickHouseSinkOptions.DATABASE.key(), "posttrade");

    /** The jobs' default for a key where it differs from the declaring component's, else null. */
    public static String jobDefault(String key) {
        return JOB_DEFAULTS.get(key);
    }

    private final Map<String, String> values;
    private final Configuration configuration;

    private JobConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
        this.configuration = Configuration.fromMap(values);
        for (ConfigOption<?> option : PipelineOptions.all()) {
            configuration.get(option); // fails now, naming the key, if a value is malformed
        }
        reconciliation(); // the same for the recon.*, positions.* and settlement.* settings
        positions();
        settlement();
    }

    public static JobConfig fromArgs(String[] args) throws IOException {
        return fromArgs(args, System.getenv());
    }

    public static JobConfig fromArgs(String[] args, Map<String, String> env) throws IOException {
        Map<String, String> cli = parseArgs(args);
        Map<String, String> values = new HashMap<>(JOB_DEFAULTS);
        String file = cli.remove("config");
        if (file != null) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(file))) {
                props.load(reader);
            }
            props.forEach((k, v) -> values.put(k.toString(), v.toString()));
        }
        ENVIRONMENT.forEach((variable, key) -> {
            String value = env.get(variable);
            if (value != null && !value.isEmpty()) {
                values.put(key, value);
            }
        });
        values.putAll(cli);
        return new JobConfig(values);
    }

    /** Settings from a map over the jobs' defaults (tests, embedding). */
    public static JobConfig of(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(JOB_DEFAULTS);
        all.putAll(values);
        return new JobConfig(all);
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --key value, got: " + arg);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + arg);
            }
            out.put(arg.substring(2), args[++i]);
        }
        return out;
    }

    public <T> T get(ConfigOption<T> option) {
        return configuration.get(option);
    }

    /** The topic of a stream: {@code topic.<stream-name>} (e.g. topic.execution-reports) or the default. */
    public String topic(Stream stream) {
        return values.getOrDefault(PipelineOptions.TOPIC_PREFIX + streamKey(stream), stream.defaultTopic());
    }

    static String streamKey(Stream stream) {
        return stream.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Extra Kafka client properties ({@code kafka.property.security.protocol=SASL_SSL} ...). */
    public Properties kafkaProperties() {
        Properties props = new Properties();
        values.forEach((k, v) -> {
            if (k.startsWith(PipelineOptions.KAFKA_PROPERTY_PREFIX)) {
                props.setProperty(k.substring(PipelineOptions.KAFKA_PROPERTY_PREFIX.length()), v);
            }
        });
        return props;
    }

    /** The same Kafka properties as a map. */
    public Map<String, String> kafkaPropertyMap() {
        Map<String, String> props = new HashMap<>();
        kafkaProperties().forEach((k, v) -> props.put(k.toString(), v.toString()));
        return props;
    }

    /** Every setting as given (job defaults, file, environment, arguments merged), e.g. for components that read their own prefix. */
    public Map<String, String> values() {
        return values;
    }

    /** The reconciliation settings: the {@code recon.*} keys, validated (an unknown key or bad value fails, naming it). */
    public ReconciliationConfig reconciliation() {
        return ReconciliationConfig.fromProperties(values);
    }

    /** The positions settings: the {@code positions.*} keys (but the job's switch), validated. */
    public PositionsConfig positions() {
        return PositionsConfig.fromProperties(withoutSwitches());
    }

    /** The settlement settings: the {@code settlement.*} keys (but the job's switch) and recon.* for breaks, validated. */
    public SettlementConfig settlement() {
        return SettlementConfig.fromProperties(withoutSwitches());
    }

    /** The settings without the job's pipeline switches, which the components do not know under their prefixes. */
    private Map<String, String> withoutSwitches() {
        Map<String, String> settings = new HashMap<>(values);
        settings.remove(PipelineOptions.POSITIONS_ENABLED.key());
        settings.remove(PipelineOptions.SETTLEMENT_ENABLED.key());
        return settings;
    }

    /** All settings as Flink configuration, for components that declare their own options (the ClickHouse sink). */
    public ReadableConfig flinkConfiguration() {
        return configuration;
    }

    /** The first ClickHouse endpoint (tooling such as migrations talks to one server). */
    public String clickHouseUrl() {
        return get(ClickHouseSinkOptions.ENDPOINTS).get(0);
    }

    /** The ClickHouse password: set directly, or read from the environment variable clickhouse.password-env names. */
    public String clickHousePassword() {
        String password = configuration.getOptional(ClickHouseSinkOptions.PASSWORD).orElse(null);
        if (password == null) {
            password = configuration.getOptional(ClickHouseSinkOptions.PASSWORD_ENV).map(System::getenv).orElse(null);
        }
        return password == null ? "" : password;
    }

    public RegistryConfig registry() {
        Map<String, String> props = new HashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(PipelineOptions.REGISTRY_PROPERTY_PREFIX)) {
                props.put(k.substring(PipelineOptions.REGISTRY_PROPERTY_PREFIX.length()), v);
            }
        });
        props.put(RegistryConfig.URL, get(PipelineOptions.REGISTRY_URL));
        return RegistryConfig.fromProperties(props);
    }

    public ReferenceData referenceData() {
        return ReferenceData.of(get(PipelineOptions.REFERENCE_INSTRUMENTS),
                new BigDecimal(get(PipelineOptions.VALIDATION_MAX_PRICE)));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("JobConfig{");
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.append(e.getKey()).append('=')
                .append(isSecret(e.getKey()) ? "<set>" : e.getValue()).append(", "));
        return out.append('}').toString();
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("user.info") || k.contains("secret") || k.contains("sasl.jaas");
    }
}
