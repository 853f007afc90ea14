package dev.cpo.segmentation.segment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.events.SegmentFeatures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The models' plain-data records survive JSON unchanged, as the edges store them. */
class ModelJsonRoundTripTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void rfmModelRoundTripsThroughJson() throws Exception {
        RfmModel model = RfmModel.fit(SyntheticBlobs.of(4, 50, 3), "rfm-2026.01");

        String json = mapper.writeValueAsString(model.toData());
        RfmModel back = RfmModel.of(mapper.readValue(json, RfmModel.Data.class));

        assertThat(json).contains("\"recencyBounds\":[", "\"version\":\"rfm-2026.01\"");
        assertThat(back).isEqualTo(model);
    }

    @Test
    void kMeansModelRoundTripsThroughJsonAndAssignsTheSame() throws Exception {
        List<SegmentFeatures> population = SyntheticBlobs.of(3, 100, 4);
        KMeansModel model = new KMeansTrainer(KMeansSettings.chooseK(2, 5, 11)).train(population, "kmeans-2026.01");

        String json = mapper.writeValueAsString(model.toData());
        KMeansModel back = KMeansModel.of(mapper.readValue(json, KMeansModel.Data.class));

        assertThat(json).contains("\"centroids\":[[", "\"labels\":[");
        assertThat(back).isEqualTo(model);
        KMeansSegmenter original = new KMeansSegmenter(model);
        KMeansSegmenter restored = new KMeansSegmenter(back);
        assertThat(population).allSatisfy(f -> assertThat(restored.assign(f)).isEqualTo(original.assign(f)));
    }

    @Test
    void emptyRfmBoundariesRoundTripAsEmptyLists() throws Exception {
        RfmModel model = RfmModel.fit(List.of(), "rfm-empty");

        String json = mapper.writeValueAsString(model.toData());

        assertThat(RfmModel.of(mapper.readValue(json, RfmModel.Data.class))).isEqualTo(model);
    }
}
