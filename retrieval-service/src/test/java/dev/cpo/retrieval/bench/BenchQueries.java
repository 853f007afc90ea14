package dev.cpo.retrieval.bench;

import dev.cpo.events.Segment;
import dev.cpo.retrieval.query.QueryMapper;
import dev.cpo.retrieval.search.RelevanceJudgments;
import dev.cpo.retrieval.search.SegmentQuery;
import java.util.ArrayList;
import java.util.List;

/** The queries the benchmarks run: one per judged segment case, and the default query of an unknown segment. */
final class BenchQueries {

    private BenchQueries() {
    }

    static List<SegmentQuery> all() {
        QueryMapper mapper = new QueryMapper();
        List<SegmentQuery> queries = new ArrayList<>();
        for (RelevanceJudgments.Case c : RelevanceJudgments.load().cases()) {
            queries.add(mapper.map(c.segment(), c.features()));
        }
        queries.add(mapper.map(new Segment("unknown", "Unknown", "manual", "1"), null));
        return List.copyOf(queries);
    }
}
