/**
 * The approved-content corpus: documents read from JSON files, checked against the rules of
 * {@code corpus/document.schema.json} when they are loaded, and the set of documents that may be served at a given
 * instant. Plain Java and Jackson; no framework. See {@code retrieval-service/CORPUS.md}.
 */
package dev.cpo.retrieval.corpus;
