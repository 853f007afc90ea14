package dev.cpo.safety.screen;

import dev.cpo.events.HarmCategory;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a screener found in one text.
 *
 * @param severities a severity on Azure's eight-level scale (0 safe, 2 low, 4 medium, 6 high; odd levels in between)
 *        for every {@link HarmCategory}; a missing category makes the result incomplete, which is never a pass
 * @param blocklistMatches the ids of the blocklist entries that matched, e.g. "banned-claims/guaranteed-returns";
 *        never the matched text
 */
public record ScreenResult(Map<HarmCategory, Integer> severities, List<String> blocklistMatches) {

    /** Copies the fields and checks the severity range. */
    public ScreenResult {
        Objects.requireNonNull(severities, "severities");
        EnumMap<HarmCategory, Integer> copy = new EnumMap<>(HarmCategory.class);
        severities.forEach((category, severity) -> {
            if (severity == null || severity < 0 || severity > 7) {
                throw new IllegalArgumentException("severity of " + category + " must be 0-7");
            }
            copy.put(category, severity);
        });
        severities = Map.copyOf(copy);
        blocklistMatches = List.copyOf(blocklistMatches);
    }

    /** @return whether every harm category has a severity */
    public boolean complete() {
        return severities.keySet().containsAll(List.of(HarmCategory.values()));
    }
}
