/**
 * Kafka serializers and deserializers for the pipeline's events, built on {@link dev.cpo.events.EventCodec}.
 *
 * <p>Name the concrete classes in Kafka or Quarkus configuration, e.g.
 * {@code mp.messaging.incoming.customers.value.deserializer=dev.cpo.events.kafka.CustomerEventDeserializer}. Keys
 * are plain strings (the customer id): use Kafka's {@code StringSerializer}/{@code StringDeserializer}.
 */
package dev.cpo.events.kafka;
