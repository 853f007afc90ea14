/**
 * The one shared event contract of the CPO pipeline.
 *
 * <p>Every record published to a pipeline topic is one of the {@link dev.cpo.events.CpoEvent} records of this
 * package, encoded as UTF-8 JSON by {@link dev.cpo.events.EventCodec} and keyed by
 * {@link dev.cpo.events.CpoEvent#customerId()}. Topic names live in {@link dev.cpo.events.Topics}; Kafka serdes in
 * {@link dev.cpo.events.kafka}; JSON Schemas, one per topic, at {@code /schemas/<topic>.schema.json} on the classpath.
 */
package dev.cpo.events;
