#!/usr/bin/env bash
# Validates the deployment artifacts without a Docker engine or a cluster:
#   1. docker-compose.yml: `docker compose config -q`, or docker-compose 1.29 from Debian's packages;
#   2. the topic script: run against a stand-in kafka-topics.sh (every topic, once, idempotent);
#   3. Kubernetes: `kubectl kustomize` (or `kustomize build`) of deploy/k8s/base and deploy/k8s/overlays/example;
#   4. schema: DeployManifestsTest reads every rendered resource strictly into the fabric8 Kubernetes model (an
#      unknown or misplaced field fails) and checks services, probes, topics and secrets against the code.
# Installs what is missing (apt-get, as root, non-interactively) and fails if a check cannot run.
# kubeconform is not used: it downloads its schemas from GitHub, which this machine and CI cannot reach.
#
# Usage: deploy/validate.sh          (from anywhere; about 20 s once Maven's dependencies are local; longer when docker-compose must be installed first)
#        SKIP_MAVEN=1 deploy/validate.sh   (steps 1 to 3 only)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
render_dir="$(mktemp -d)"
trap 'rm -rf "$render_dir"' EXIT

step() { printf '\n== %s\n' "$*"; }

as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

apt_install() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# ---- 1. compose ----
step "docker-compose.yml"
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
else
  if ! command -v docker-compose >/dev/null; then
    echo "installing docker-compose (Debian package)"
    apt_install docker-compose
  fi
  compose=(docker-compose)
fi
"${compose[@]}" version 2>/dev/null | sed -n 1p
# Without the Azure and admin variables set, as CI has them: the file must not need them.
env -u CPO_ADMIN_TOKEN "${compose[@]}" -f docker-compose.yml config -q
echo "compose: valid ($("${compose[@]}" -f docker-compose.yml config --services | wc -l) services)"

# ---- 2. the topic script ----
step "create-topics.sh"
bash -n deploy/k8s/base/topics/create-topics.sh
fake="$render_dir/kafka-topics.sh"
printf '#!/usr/bin/env bash\necho "$*" >> "%s/calls"\n' "$render_dir" > "$fake"
chmod +x "$fake"
KAFKA_BOOTSTRAP_SERVERS=broker:9092 KAFKA_TOPICS_CMD="$fake" bash deploy/k8s/base/topics/create-topics.sh >/dev/null
created="$(grep -c -- '--create --if-not-exists' "$render_dir/calls")"
echo "create-topics.sh: $created idempotent creates"
[[ "$created" -ge 17 ]]

# ---- 3. kustomize ----
step "kustomize"
if command -v kubectl >/dev/null && kubectl kustomize --help >/dev/null 2>&1; then
  kustomize=(kubectl kustomize)
elif command -v kustomize >/dev/null; then
  kustomize=(kustomize build)
else
  # Debian's kubernetes-client is kubectl 1.20 with kustomize v2: too old for this base's `labels` field, so this
  # fallback fails loudly rather than validating something else. Install kubectl >= 1.27 or kustomize >= 5.
  echo "installing kubernetes-client (Debian package; its kustomize may be too old, see the comment)"
  apt_install kubernetes-client
  kustomize=(kubectl kustomize)
fi
kubectl version --client 2>/dev/null | grep -i kustomize || true
for target in base overlays/example; do
  out="$render_dir/$(echo "$target" | tr / -).yaml"
  "${kustomize[@]}" "deploy/k8s/$target" > "$out"
  echo "deploy/k8s/$target: $(grep -c '^kind:' "$out") resources ($(grep '^kind:' "$out" | sort | uniq -c \
    | awk '{printf "%s%s %s", sep, $1, $3; sep=", "}'))"
done

# ---- 4. strict schema and consistency checks ----
if [[ "${SKIP_MAVEN:-}" == 1 ]]; then
  echo; echo "SKIP_MAVEN=1: DeployManifestsTest not run"
  exit 0
fi
step "DeployManifestsTest (fabric8 Kubernetes model, compose, topics)"
./mvnw -B -q -pl testing -am test -Dtest=DeployManifestsTest -Dsurefire.failIfNoSpecifiedTests=false
grep -h -o 'tests="[0-9]*" errors="[0-9]*" skipped="[0-9]*" failures="[0-9]*"' \
  testing/target/surefire-reports/TEST-dev.cpo.testing.deploy.DeployManifestsTest.xml
if grep -q '<skipped' testing/target/surefire-reports/TEST-dev.cpo.testing.deploy.DeployManifestsTest.xml; then
  echo "a check was skipped (kubectl or kustomize not on the PATH?)" >&2
  exit 1
fi
echo; echo "deploy: all checks passed"
