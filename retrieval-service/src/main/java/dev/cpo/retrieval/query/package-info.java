/**
 * From a customer's segment and features to the query that retrieves content for them: {@link
 * dev.cpo.retrieval.query.QueryMapper}. Plain Java; the mapping table is documented in
 * {@code retrieval-service/CORPUS.md}.
 */
package dev.cpo.retrieval.query;
