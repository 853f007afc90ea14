/**
 * Imports of past e-mail experiments as pipeline events (assignments and historical engagement), streaming and
 * framework-free. First format: the Hillstrom MineThatData e-mail experiment ({@link
 * dev.cpo.experiment.history.HillstromImport}).
 */
package dev.cpo.experiment.history;
