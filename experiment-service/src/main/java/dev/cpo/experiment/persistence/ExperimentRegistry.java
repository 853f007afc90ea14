package dev.cpo.experiment.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.experiment.config.ExperimentConfig;
import dev.cpo.experiment.definition.ExperimentDefinition;
import dev.cpo.experiment.definition.ExperimentSource;
import dev.cpo.experiment.definition.ExperimentSpec;
import dev.cpo.experiment.definition.ExperimentStatus;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The experiment definitions, stored in PostgreSQL ({@code experiment}) and cached for a few seconds (another
 * replica may change them). Creates the default experiment on the first start. At most one live experiment runs at
 * any time: a definition whose window overlaps another live one is refused.
 */
@ApplicationScoped
public class ExperimentRegistry {

    private static final Logger LOG = Logger.getLogger(ExperimentRegistry.class);

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final ExperimentConfig config;
    private final ExperimentSpec.Defaults defaults;
    private final Clock clock;
    private final Map<String, ExperimentDefinition> cache = new ConcurrentHashMap<>();
    private volatile long loadedAtNanos = Long.MIN_VALUE;

    ExperimentRegistry(AgroalDataSource dataSource, ObjectMapper mapper, ExperimentConfig config,
            ExperimentSpec.Defaults defaults, Clock clock) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.config = config;
        this.defaults = defaults;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        ExperimentConfig.DefaultExperiment d = config.defaultExperiment();
        if (!d.enabled()) {
            return;
        }
        ExperimentDefinition definition = ExperimentSpec.toDefinition(new ExperimentSpec(d.id(), d.name(), null,
                null, null, null, null, null, null, null, null, null, null, null, null, null), defaults,
                clock.instant());
        try {
            if (find(d.id()).isEmpty() && conflictWith(definition).isEmpty()) {
                insertIfAbsent(definition);
                LOG.infof("Created the default experiment %s", d.id());
            }
        } catch (RuntimeException e) {
            LOG.errorf("Could not create the default experiment %s: %s", d.id(), e.getMessage());
        }
    }

    /**
     * @return the settings' defaults
     */
    public ExperimentSpec.Defaults defaults() {
        return defaults;
    }

    /**
     * @param id an experiment id
     * @return its definition
     */
    public Optional<ExperimentDefinition> find(String id) {
        refreshIfStale();
        ExperimentDefinition cached = cache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        reload();
        return Optional.ofNullable(cache.get(id));
    }

    /**
     * @return every definition, by id
     */
    public List<ExperimentDefinition> all() {
        refreshIfStale();
        List<ExperimentDefinition> all = new ArrayList<>(cache.values());
        all.sort(Comparator.comparing(ExperimentDefinition::id));
        return all;
    }

    /**
     * @param now the time
     * @return the live experiment running at {@code now}, if any
     */
    public Optional<ExperimentDefinition> runningLive(Instant now) {
        for (ExperimentDefinition d : all()) {
            if (d.source() == ExperimentSource.LIVE && d.statusAt(now) == ExperimentStatus.RUNNING) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * @param definition a definition
     * @return the id of another live experiment whose window overlaps it
     */
    public Optional<String> conflictWith(ExperimentDefinition definition) {
        if (definition.source() != ExperimentSource.LIVE) {
            return Optional.empty();
        }
        for (ExperimentDefinition other : all()) {
            if (!other.id().equals(definition.id()) && other.source() == ExperimentSource.LIVE
                    && other.overlaps(definition)) {
                return Optional.of(other.id());
            }
        }
        return Optional.empty();
    }

    /**
     * Creates or replaces a definition. The caller checks what may change ({@link #conflictWith}, arms of a started
     * experiment).
     *
     * @param definition the definition
     */
    public void save(ExperimentDefinition definition) {
        String sql = "INSERT INTO experiment (id, source, start_at, stop_at, definition) VALUES (?, ?, ?, ?, ?::jsonb) "
                + "ON CONFLICT (id) DO UPDATE SET source = EXCLUDED.source, start_at = EXCLUDED.start_at, "
                + "stop_at = EXCLUDED.stop_at, definition = EXCLUDED.definition, updated_at = now()";
        write(sql, definition);
        cache.put(definition.id(), definition);
    }

    /**
     * @param definition a definition
     * @return whether it was created (false: one with its id existed)
     */
    public boolean insertIfAbsent(ExperimentDefinition definition) {
        String sql = "INSERT INTO experiment (id, source, start_at, stop_at, definition) VALUES (?, ?, ?, ?, ?::jsonb) "
                + "ON CONFLICT (id) DO NOTHING";
        boolean created = write(sql, definition) == 1;
        reload();
        return created;
    }

    private int write(String sql, ExperimentDefinition definition) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, definition.id());
            ps.setString(2, definition.source().name().toLowerCase(java.util.Locale.ROOT));
            ps.setTimestamp(3, Timestamp.from(definition.startAt()));
            ps.setTimestamp(4, definition.stopAt() == null ? null : Timestamp.from(definition.stopAt()));
            ps.setString(5, mapper.writeValueAsString(ExperimentSpec.of(definition)));
            return ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new StorageException("could not store experiment " + definition.id(), e);
        }
    }

    private void refreshIfStale() {
        if (System.nanoTime() - loadedAtNanos > config.definitionCacheTtl().toNanos()) {
            reload();
        }
    }

    private synchronized void reload() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, definition FROM experiment");
                ResultSet rs = ps.executeQuery()) {
            Map<String, ExperimentDefinition> loaded = new ConcurrentHashMap<>();
            while (rs.next()) {
                String id = rs.getString(1);
                try {
                    ExperimentSpec spec = mapper.readValue(rs.getString(2), ExperimentSpec.class);
                    loaded.put(id, ExperimentSpec.toDefinition(spec, defaults, clock.instant()));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    LOG.errorf("Stored experiment %s cannot be read: %s", id, e.getMessage());
                }
            }
            cache.keySet().retainAll(loaded.keySet());
            cache.putAll(loaded);
            loadedAtNanos = System.nanoTime();
        } catch (SQLException e) {
            throw new StorageException("could not read the experiments", e);
        }
    }
}
