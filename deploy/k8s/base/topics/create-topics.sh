#!/usr/bin/env bash
# Creates every CPO Kafka topic, idempotently (--if-not-exists): safe to run again, and it never changes a topic
# that exists (raising the partition count of a keyed topic moves customers to other partitions: do it by hand).
#
# The one list of topics, used by docker-compose.yml (service kafka-topics) and by the Kubernetes Job
# (deploy/k8s/base/topics). DeployManifestsTest checks it against dev.cpo.events.Topics.
#
# Environment:
#   KAFKA_BOOTSTRAP_SERVERS        required, e.g. kafka:9092
#   CPO_TOPIC_PARTITIONS           default 12: at least the most replicas of any consumer group
#   CPO_TOPIC_REPLICATION_FACTOR   default 3
#   CPO_TOPIC_MIN_INSYNC_REPLICAS  default 2 (set only when the replication factor is above 1)
#   CPO_DLQ_RETENTION_MS           default 1209600000 (14 days) for the dead-letter topics
#   KAFKA_COMMAND_CONFIG           optional: a client properties file (SASL, TLS) for --command-config
#   KAFKA_TOPICS_CMD               default /opt/kafka/bin/kafka-topics.sh (the apache/kafka image)
set -euo pipefail

bootstrap="${KAFKA_BOOTSTRAP_SERVERS:?KAFKA_BOOTSTRAP_SERVERS is required}"
partitions="${CPO_TOPIC_PARTITIONS:-12}"
replication="${CPO_TOPIC_REPLICATION_FACTOR:-3}"
min_isr="${CPO_TOPIC_MIN_INSYNC_REPLICAS:-2}"
dlq_retention_ms="${CPO_DLQ_RETENTION_MS:-1209600000}"
kafka_topics="${KAFKA_TOPICS_CMD:-/opt/kafka/bin/kafka-topics.sh}"

# The seven pipeline topics, their dead-letter topics, and the three ops topics.
topics=(
  customers
  segments
  content
  variants
  screened
  assignments
  engagement
  customers-dlq
  segments-dlq
  content-dlq
  variants-dlq
  screened-dlq
  assignments-dlq
  engagement-dlq
  safety-audit
  assignment-skips
  experiment-metrics
)

common=(--bootstrap-server "$bootstrap")
if [[ -n "${KAFKA_COMMAND_CONFIG:-}" ]]; then
  common+=(--command-config "$KAFKA_COMMAND_CONFIG")
fi

for topic in "${topics[@]}"; do
  args=(--create --if-not-exists --topic "$topic" --partitions "$partitions" --replication-factor "$replication")
  if (( replication > 1 )); then
    args+=(--config "min.insync.replicas=$min_isr")
  fi
  if [[ "$topic" == experiment-metrics ]]; then
    # Snapshots keyed by experiment id: compaction keeps the latest one of each experiment.
    args+=(--config "cleanup.policy=compact")
  fi
  if [[ "$topic" == *-dlq ]]; then
    args+=(--config "retention.ms=$dlq_retention_ms")
  fi
  "$kafka_topics" "${common[@]}" "${args[@]}"
  echo "topic ready: $topic"
done

echo "${#topics[@]} topics ready on $bootstrap"
