package dev.cpo.retrieval.azure;

import java.util.List;

/**
 * What an upload did: how many paragraphs the index accepted, which it did not and why, in how many batches.
 *
 * @param total the paragraphs given
 * @param uploaded the paragraphs the index accepted (created or updated)
 * @param failed the paragraphs that are not in the index now, each with its reason
 * @param batches the batches sent (at most {@link AzureIndexManager#BATCH_SIZE} paragraphs each)
 */
public record UploadReport(int total, int uploaded, List<Failure> failed, int batches) {

    /**
     * A paragraph the index does not hold.
     *
     * @param id the paragraph's index key
     * @param reason why (the service's message, or why the batch was not sent)
     */
    public record Failure(String id, String reason) {
    }

    public UploadReport {
        failed = List.copyOf(failed);
    }

    /** @return whether every paragraph is in the index */
    public boolean complete() {
        return failed.isEmpty() && uploaded == total;
    }
}
