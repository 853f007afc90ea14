package dev.cpo.simulator.rest;

import dev.cpo.events.Tone;
import dev.cpo.simulator.model.EngagementSimulator;
import dev.cpo.simulator.model.Rates;
import dev.cpo.simulator.model.SimulationSettings;
import dev.cpo.simulator.model.UpliftPrior;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The simulation in effect: its settings and the uplift drawn for each tone. */
@Path("/simulation")
public class SimulationResource {

    private final EngagementSimulator simulator;

    SimulationResource(EngagementSimulator simulator) {
        this.simulator = simulator;
    }

    /**
     * @param seed the seed
     * @param baseline the global baseline rates
     * @param segments per segment id, its baseline rates
     * @param uplift the prior the uplifts were drawn from
     * @param drawnUplifts per tone (wire name), the relative uplift drawn
     * @param noise sd of the relative jitter per experiment, segment and arm
     * @param meanOrderValue mean revenue of a conversion
     * @param revenueSigma sigma of the log-normal revenue
     * @param deliveredRate share of sent messages delivered
     * @param maxAssignmentAge ISO-8601 duration; older assignments are not sent
     * @param experiments experiment ids simulated, sorted; empty means all
     */
    public record View(long seed, Rates baseline, Map<String, Rates> segments, UpliftPrior uplift,
            Map<String, Double> drawnUplifts, double noise, BigDecimal meanOrderValue, double revenueSigma,
            double deliveredRate, String maxAssignmentAge, List<String> experiments) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The effective simulation settings and the relative uplift drawn for each tone")
    public View get() {
        SimulationSettings s = simulator.settings();
        Map<String, Double> uplifts = new TreeMap<>();
        for (Tone tone : Tone.values()) {
            uplifts.put(tone.wireName(), simulator.drawnUplifts().get(tone));
        }
        return new View(s.seed(), s.baseline(), new TreeMap<>(s.segmentBaselines()), s.uplift(), uplifts, s.noise(),
                s.meanOrderValue(), s.revenueSigma(), s.deliveredRate(), s.maxAssignmentAge().toString(),
                s.experiments().stream().sorted().collect(Collectors.toList()));
    }
}
