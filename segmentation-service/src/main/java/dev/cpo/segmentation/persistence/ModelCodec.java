package dev.cpo.segmentation.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.segmentation.segment.KMeansModel;
import dev.cpo.segmentation.segment.RfmModel;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns models into the JSON stored in {@code segmentation_model.model} (their plain data), and back. */
@ApplicationScoped
public class ModelCodec {

    private final ObjectMapper mapper;

    ModelCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @return the model as JSON */
    public String encode(RfmModel model) {
        return write(model.toData());
    }

    /** @return the model as JSON */
    public String encode(KMeansModel model) {
        return write(model.toData());
    }

    /** @return the RFM model stored in the record */
    public RfmModel rfm(SegmentationModelRecord record) {
        return RfmModel.of(read(record.model, RfmModel.Data.class));
    }

    /** @return the k-means model stored in the record */
    public KMeansModel kmeans(SegmentationModelRecord record) {
        return KMeansModel.of(read(record.model, KMeansModel.Data.class));
    }

    private String write(Object data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a segmentation model", e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored segmentation model is unreadable", e);
        }
    }
}
