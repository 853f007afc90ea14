package dev.cpo.testing.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.events.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deployment artifacts against the code: docker-compose.yml, the Dockerfiles and deploy/k8s name every service
 * with its port, database, health endpoints and settings, create every topic of {@link Topics}, and carry no secret.
 *
 * <p>Every Kubernetes manifest is read strictly into the fabric8 model: a misspelled or misplaced field fails. The
 * rendered base and overlay are checked too when {@code kubectl} (or {@code kustomize}) is on the PATH; deploy/validate.sh
 * installs the tools and makes that check mandatory.
 */
class DeployManifestsTest {

    /** A deployable of the repository: its module directory, HTTP port and database (null: none). */
    record App(String name, int port, String database) {
    }

    static final List<App> APPS = List.of(
            new App("segmentation-service", 8081, "segmentation"),
            new App("retrieval-service", 8082, null),
            new App("generation-service", 8083, "generation"),
            new App("safety-service", 8084, "safety"),
            new App("experiment-service", 8085, "experiment"),
            new App("engagement-simulator", 8086, null));

    static final Path ROOT = repositoryRoot();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final Path TOPIC_SCRIPT = K8S.resolve("base/topics/create-topics.sh");

    /** Environment variables that hold credentials: never a literal value in a manifest. */
    static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|API_KEY|SECRET|CREDENTIAL).*");

    static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

    /** The kinds the manifests may hold, by apiVersion and kind, with their fabric8 classes. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "v1/Service", Service.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Namespace", Namespace.class,
            "batch/v1/Job", Job.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    // ---- the topics ----

    @Test
    void topicScriptCreatesEveryTopicOfTheEventContract() throws IOException {
        assertThat(scriptTopics()).containsExactlyInAnyOrderElementsOf(contractTopics());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void topicScriptCallsKafkaTopicsOncePerTopicIdempotently(@TempDir Path dir) throws Exception {
        Path calls = dir.resolve("calls.txt");
        Path fake = dir.resolve("kafka-topics.sh");
        Files.writeString(fake, "#!/usr/bin/env bash\necho \"$*\" >> '" + calls + "'\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();

        ProcessBuilder builder = new ProcessBuilder("bash", TOPIC_SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", "broker:9092");
        builder.environment().put("KAFKA_TOPICS_CMD", fake.toString());
        builder.environment().put("CPO_TOPIC_PARTITIONS", "12");
        builder.environment().put("CPO_TOPIC_REPLICATION_FACTOR", "3");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        List<String> lines = Files.readAllLines(calls);
        assertThat(lines).hasSize(contractTopics().size()).allSatisfy(line -> assertThat(line)
                .contains("--bootstrap-server broker:9092", "--create", "--if-not-exists", "--partitions 12",
                        "--replication-factor 3", "min.insync.replicas=2"));
        assertThat(lines.stream().map(line -> line.replaceAll(".*--topic (\\S+).*", "$1")))
                .containsExactlyInAnyOrderElementsOf(contractTopics());
        assertThat(lines).filteredOn(line -> line.contains("-dlq ")).allSatisfy(
                line -> assertThat(line).contains("retention.ms="));
    }

    // ---- docker-compose.yml ----

    @Test
    void composeBuildsEveryServiceFromItsModuleDockerfile() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        assertThat(services).containsKeys(APPS.stream().map(App::name).toArray(String[]::new));
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            Object build = service.getValue().get("build");
            if (build == null) {
                continue;
            }
            Map<String, Object> buildMap = map(build);
            Path context = ROOT.resolve(String.valueOf(buildMap.get("context"))).normalize();
            assertThat(context.resolve("pom.xml")).as(service.getKey() + ": a Maven module").isRegularFile();
            assertThat(buildMap.get("dockerfile")).isEqualTo("src/main/docker/Dockerfile.jvm");
            assertThat(context.resolve("src/main/docker/Dockerfile.jvm")).isRegularFile();
        }
        for (App app : APPS) {
            assertThat(map(services.get(app.name()).get("build")).get("context")).isEqualTo("./" + app.name());
        }
    }

    @Test
    void dockerfilesRunTheFastJarAsNonRootOnTheServicePort() throws IOException {
        for (App app : APPS) {
            String dockerfile = Files.readString(ROOT.resolve(app.name() + "/src/main/docker/Dockerfile.jvm"));
            assertThat(dockerfile).as(app.name())
                    .contains("target/quarkus-app/lib/", "target/quarkus-app/app/", "target/quarkus-app/quarkus/",
                            "quarkus-run.jar", "EXPOSE " + app.port())
                    .containsPattern("(?m)^USER (?!root|0\\b)\\S+");
        }
    }

    @Test
    void composeServicesHaveHealthchecksAndWaitForHealthyDependencies() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        for (Map.Entry<String, Map<String, Object>> entry : services.entrySet()) {
            Map<String, Object> service = entry.getValue();
            boolean oneShot = "\"no\"".equals(String.valueOf(service.get("restart")))
                    || "no".equals(service.get("restart"));
            if (!oneShot) {
                assertThat(service).as(entry.getKey() + " healthcheck").containsKey("healthcheck");
                assertThat(map(service.get("healthcheck")).get("test")).as(entry.getKey()).isNotNull();
            }
            if (service.containsKey("depends_on")) {
                Map<String, Object> dependsOn = map(service.get("depends_on"));
                for (Map.Entry<String, Object> dependency : dependsOn.entrySet()) {
                    assertThat(services).containsKey(dependency.getKey());
                    assertThat(map(dependency.getValue()).get("condition")).as(entry.getKey() + " -> "
                            + dependency.getKey())
                            .isIn("service_healthy", "service_completed_successfully");
                }
            }
        }
        String topicJob = topicJobName(services);
        for (App app : APPS) {
            Map<String, Object> service = services.get(app.name());
            List<String> test = strings(map(service.get("healthcheck")).get("test"));
            assertThat(String.join(" ", test)).as(app.name())
                    .contains("/dev/tcp/127.0.0.1/" + app.port(), "/q/health/ready");
            Map<String, Object> dependsOn = map(service.get("depends_on"));
            assertThat(map(dependsOn.get("kafka")).get("condition")).isEqualTo("service_healthy");
            assertThat(map(dependsOn.get(topicJob)).get("condition")).isEqualTo("service_completed_successfully");
            if (app.database() != null) {
                assertThat(map(dependsOn.get("postgres")).get("condition")).isEqualTo("service_healthy");
            } else {
                assertThat(dependsOn).doesNotContainKey("postgres");
            }
        }
    }

    @Test
    void composeConfiguresEveryServiceByEnvironmentWithoutSecrets() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        String initSql = Files.readString(ROOT.resolve("deploy/compose/postgres-init.sql"));
        for (App app : APPS) {
            Map<String, Object> env = map(services.get(app.name()).get("environment"));
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).as(app.name()).isEqualTo("kafka:9092");
            assertThat(String.valueOf(services.get(app.name()).get("ports"))).contains(app.port() + ":" + app.port());
            if (app.database() != null) {
                assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL"))
                        .isEqualTo("jdbc:postgresql://postgres:5432/" + app.database());
                assertThat(initSql).contains("CREATE DATABASE " + app.database() + ";");
            } else {
                assertThat(env).doesNotContainKey("QUARKUS_DATASOURCE_JDBC_URL");
            }
            assertThat(env.get("CPO_ADMIN_TOKEN")).isEqualTo("${CPO_ADMIN_TOKEN:-}");
            env.forEach((name, value) -> {
                if (SECRET_NAME.matcher(name).matches() && !name.equals("QUARKUS_DATASOURCE_PASSWORD")) {
                    assertThat(value).as(app.name() + " " + name + ": passed through, never a value")
                            .isEqualTo("${" + name + ":-}");
                }
            });
        }
        assertThat(map(services.get("retrieval-service").get("environment")))
                .containsKeys("CPO_RETRIEVAL_PROVIDER", "CPO_RETRIEVAL_AZURE_ENDPOINT", "CPO_RETRIEVAL_AZURE_API_KEY");
        assertThat(map(services.get("generation-service").get("environment"))).containsKeys(
                "CPO_GENERATION_PROVIDER", "CPO_GENERATION_OPENAI_ENDPOINT", "CPO_GENERATION_OPENAI_DEPLOYMENT",
                "CPO_GENERATION_OPENAI_API_KEY");
        assertThat(map(services.get("safety-service").get("environment")))
                .containsKeys("CPO_SAFETY_PROVIDER", "CPO_SAFETY_AZURE_ENDPOINT", "CPO_SAFETY_AZURE_API_KEY");
    }

    @Test
    void composeTopicJobRunsTheSharedScript() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        Map<String, Object> job = services.get(topicJobName(services));
        assertThat(strings(job.get("volumes")))
                .anySatisfy(volume -> assertThat(volume).startsWith("./deploy/k8s/base/topics/create-topics.sh:"));
        assertThat(String.join(" ", strings(job.get("entrypoint")))).contains("create-topics.sh");
        assertThat(map(job.get("depends_on")).get("kafka")).isEqualTo(Map.of("condition", "service_healthy"));
    }

    // ---- Kubernetes: the files of the base, strictly typed ----

    @Test
    void everyManifestFileDeserialisesStrictlyIntoTheKubernetesModel() throws IOException {
        List<Path> manifests;
        try (Stream<Path> files = Files.walk(K8S)) {
            manifests = files.filter(file -> file.toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals("kustomization.yaml"))
                    .sorted()
                    .toList();
        }
        assertThat(manifests).hasSizeGreaterThan(APPS.size() * 4);
        for (Path manifest : manifests) {
            for (Map<String, Object> document : yamlDocuments(Files.readString(manifest))) {
                if (isPatch(manifest, document)) {
                    continue;
                }
                strict(manifest.toString(), document);
            }
        }
    }

    @Test
    void everyServiceHasItsKubernetesResourcesWithProbesOnItsPort() throws IOException {
        Path base = K8S.resolve("base");
        String baseKustomization = Files.readString(base.resolve("kustomization.yaml"));
        int partitions = Integer.parseInt(envFile(base.resolve("topics/topics.env")).get("CPO_TOPIC_PARTITIONS"));
        for (App app : APPS) {
            Path dir = base.resolve(app.name());
            assertThat(baseKustomization).contains("  - " + app.name() + "\n");
            String kustomization = Files.readString(dir.resolve("kustomization.yaml"));
            assertThat(kustomization).contains("deployment.yaml", "service.yaml", "hpa.yaml", "pdb.yaml",
                    "name: " + app.name() + "-config", "config.env");

            Deployment deployment = strict(dir.resolve("deployment.yaml"), Deployment.class);
            checkDeployment(app, deployment);

            Service service = strict(dir.resolve("service.yaml"), Service.class);
            assertThat(service.getSpec().getSelector()).isEqualTo(Map.of("app.kubernetes.io/name", app.name()));
            assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getPort()).isEqualTo(app.port());
                assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
            });

            HorizontalPodAutoscaler hpa = strict(dir.resolve("hpa.yaml"), HorizontalPodAutoscaler.class);
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(app.name());
            assertThat(hpa.getSpec().getMinReplicas()).isPositive();
            assertThat(hpa.getSpec().getMaxReplicas()).as("no more consumers than partitions")
                    .isBetween(hpa.getSpec().getMinReplicas(), partitions);
            assertThat(hpa.getSpec().getMetrics()).isNotEmpty();

            PodDisruptionBudget pdb = strict(dir.resolve("pdb.yaml"), PodDisruptionBudget.class);
            assertThat(pdb.getSpec().getSelector().getMatchLabels())
                    .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());

            Map<String, String> config = envFile(dir.resolve("config.env"));
            if (app.database() != null) {
                assertThat(config.get("QUARKUS_DATASOURCE_JDBC_URL")).endsWith("/" + app.database());
            } else {
                assertThat(config).doesNotContainKey("QUARKUS_DATASOURCE_JDBC_URL");
            }
            assertThat(config.keySet()).noneMatch(name -> SECRET_NAME.matcher(name).matches());
        }
    }

    @Test
    void theTopicJobMountsTheSharedScript() throws IOException {
        Path topics = K8S.resolve("base/topics");
        Job job = strict(topics.resolve("job.yaml"), Job.class);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).extracting(Volume::getConfigMap).filteredOn(java.util.Objects::nonNull)
                .anySatisfy(configMap -> assertThat(configMap.getName()).isEqualTo("cpo-topics-script"));
        assertThat(String.join(" ", pod.getContainers().get(0).getCommand())).contains("/cpo/create-topics.sh");
        assertThat(Files.readString(topics.resolve("kustomization.yaml")))
                .contains("name: cpo-topics-script", "create-topics.sh");
        checkHardened("job", pod, pod.getContainers().get(0));
    }

    @Test
    void noSecretIsWrittenInTheRepository() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ROOT.resolve("deploy"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            if (file.toString().endsWith(".yaml")) {
                assertThat(text).as(file.toString()).doesNotContainPattern("(?m)^kind:\\s*Secret\\s*$")
                        .doesNotContainPattern("(?m)^secretGenerator:");
            }
            if (file.toString().endsWith(".env")) {
                assertThat(envFile(file).keySet()).as(file.toString())
                        .noneMatch(name -> SECRET_NAME.matcher(name).matches());
            }
        }
    }

    // ---- Kubernetes: what kustomize renders ----

    @Test
    void baseAndExampleOverlayRenderIntoStrictlyValidResources() throws Exception {
        Optional<List<String>> kustomize = kustomizeCommand();
        // Never skipped: without a renderer the overlay is not proven, so the test fails and says what to install.
        assertThat(kustomize).as("kubectl (>= 1.27) or kustomize (>= 5) on the PATH to render deploy/k8s").isPresent();
        for (String target : List.of("base", "overlays/example")) {
            List<String> command = new ArrayList<>(kustomize.get());
            command.add(K8S.resolve(target).toString());
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String rendered = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(command.toString()).isZero();

            List<HasMetadata> resources = new ArrayList<>();
            for (Map<String, Object> document : yamlDocuments(rendered)) {
                resources.add(strict(target, document));
            }
            Set<String> names = resources.stream().map(r -> r.getKind() + "/" + r.getMetadata().getName())
                    .collect(Collectors.toSet());
            for (App app : APPS) {
                assertThat(names).as(target).contains("Deployment/" + app.name(), "Service/" + app.name(),
                        "HorizontalPodAutoscaler/" + app.name(), "PodDisruptionBudget/" + app.name());
                assertThat(names).anyMatch(name -> name.startsWith("ConfigMap/" + app.name() + "-config-"));
            }
            assertThat(names).contains("Job/cpo-create-topics");
            Set<String> configMaps = resources.stream().filter(ConfigMap.class::isInstance)
                    .map(r -> r.getMetadata().getName()).collect(Collectors.toSet());
            for (HasMetadata resource : resources) {
                if (resource instanceof Deployment deployment) {
                    App app = APPS.stream().filter(a -> a.name().equals(deployment.getMetadata().getName()))
                            .findFirst().orElseThrow();
                    checkDeployment(app, deployment);
                    referencedConfigMaps(deployment.getSpec().getTemplate().getSpec())
                            .forEach(name -> assertThat(configMaps).as(target + " " + app.name()).contains(name));
                }
                if (resource instanceof Job job) {
                    referencedConfigMaps(job.getSpec().getTemplate().getSpec())
                            .forEach(name -> assertThat(configMaps).as(target + " job").contains(name));
                }
            }
        }
    }

    // ---- checks ----

    static void checkDeployment(App app, Deployment deployment) {
        assertThat(deployment.getMetadata().getName()).isEqualTo(app.name());
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .isEqualTo(Map.of("app.kubernetes.io/name", app.name()));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/name", app.name());
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers()).hasSize(1);
        Container container = pod.getContainers().get(0);
        assertThat(container.getImage()).contains(app.name());
        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(app.port());
        });
        checkProbe(app, "liveness", container.getLivenessProbe(), "/q/health/live");
        checkProbe(app, "readiness", container.getReadinessProbe(), "/q/health/ready");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKey("memory");
        checkHardened(app.name(), pod, container);

        for (EnvVar env : container.getEnv()) {
            if (SECRET_NAME.matcher(env.getName()).matches()) {
                assertThat(env.getValue()).as(app.name() + " " + env.getName() + ": from a Secret only").isNull();
                assertThat(env.getValueFrom().getSecretKeyRef()).as(app.name() + " " + env.getName()).isNotNull();
            }
        }
        EnvVar adminToken = container.getEnv().stream().filter(e -> e.getName().equals("CPO_ADMIN_TOKEN"))
                .findFirst().orElseThrow(() -> new AssertionError(app.name() + ": no CPO_ADMIN_TOKEN"));
        assertThat(adminToken.getValueFrom().getSecretKeyRef().getOptional()).isTrue();
        for (EnvVar env : container.getEnv()) {
            if (env.getName().contains("AZURE") || env.getName().contains("OPENAI")) {
                assertThat(env.getValueFrom().getSecretKeyRef().getOptional()).as(env.getName()).isTrue();
            }
        }
        Set<String> envNames = container.getEnv().stream().map(EnvVar::getName).collect(Collectors.toSet());
        if (app.database() != null) {
            assertThat(envNames).contains("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
        } else {
            assertThat(envNames).doesNotContain("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
        }
    }

    static void checkProbe(App app, String which, Probe probe, String path) {
        assertThat(probe).as(app.name() + " " + which + " probe").isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get.getPath()).as(app.name() + " " + which).isEqualTo(path);
        Object port = get.getPort().getStrVal() != null ? get.getPort().getStrVal() : get.getPort().getIntVal();
        assertThat(port).as(app.name() + " " + which + " port").isIn("http", app.port());
    }

    static void checkHardened(String what, PodSpec pod, Container container) {
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(what).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(what).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(what).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(what).containsExactly("ALL");
        assertThat(container.getVolumeMounts()).as(what)
                .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getVolumes()).as(what).anySatisfy(volume -> assertThat(volume.getEmptyDir()).isNotNull());
    }

    static Set<String> referencedConfigMaps(PodSpec pod) {
        Set<String> names = new LinkedHashSet<>();
        for (Container container : pod.getContainers()) {
            if (container.getEnvFrom() != null) {
                container.getEnvFrom().stream().filter(from -> from.getConfigMapRef() != null)
                        .forEach(from -> names.add(from.getConfigMapRef().getName()));
            }
            container.getEnv().stream().filter(env -> env.getValueFrom() != null
                    && env.getValueFrom().getConfigMapKeyRef() != null)
                    .forEach(env -> names.add(env.getValueFrom().getConfigMapKeyRef().getName()));
        }
        pod.getVolumes().stream().filter(volume -> volume.getConfigMap() != null)
                .forEach(volume -> names.add(volume.getConfigMap().getName()));
        return names;
    }

    // ---- strict reading ----

    static <T extends HasMetadata> T strict(Path file, Class<T> type) throws IOException {
        List<Map<String, Object>> documents = yamlDocuments(Files.readString(file));
        assertThat(documents).as(file.toString()).hasSize(1);
        HasMetadata resource = strict(file.toString(), documents.get(0));
        assertThat(resource).as(file.toString()).isInstanceOf(type);
        return type.cast(resource);
    }

    /**
     * Reads one manifest into its fabric8 class. The model keeps unknown fields in {@code additionalProperties}
     * instead of failing, so every object of the result is walked and any such field fails the test.
     */
    static HasMetadata strict(String where, Map<String, Object> document) {
        String key = document.get("apiVersion") + "/" + document.get("kind");
        Class<? extends HasMetadata> type = KINDS.get(key);
        if (type == null) {
            fail("%s: unexpected apiVersion/kind %s (known: %s)", where, key, KINDS.keySet());
        }
        HasMetadata resource;
        try {
            resource = STRICT.convertValue(document, type);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(where + ": " + key + " does not match the Kubernetes model: " + e.getMessage(),
                    e);
        }
        List<String> unknown = new ArrayList<>();
        unknownFields(resource, key, unknown);
        assertThat(unknown).as(where + ": fields the Kubernetes model does not know").isEmpty();
        assertThat(resource.getMetadata().getName()).as(where + " metadata.name").isNotBlank();
        return resource;
    }

    static void unknownFields(Object value, String path, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                unknownFields(element, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method method : value.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || method.getDeclaringClass() == Object.class || !method.getName().startsWith("get")) {
                continue;
            }
            Object child;
            try {
                child = method.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            String name = method.getName().substring(3);
            if (name.equals("AdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(field -> unknown.add(path + "." + field));
                }
            } else if (!(child instanceof String) && !(child instanceof Number) && !(child instanceof Boolean)) {
                unknownFields(child, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1),
                        unknown);
            }
        }
    }

    /** A strategic-merge patch of an overlay: a partial Deployment named in its kustomization's patches. */
    static boolean isPatch(Path manifest, Map<String, Object> document) throws IOException {
        Path kustomization = manifest.resolveSibling("kustomization.yaml");
        return Files.exists(kustomization) && Files.readString(kustomization)
                .contains("path: " + manifest.getFileName());
    }

    // ---- reading the files ----

    static Map<String, Map<String, Object>> composeServices() throws IOException {
        Map<String, Object> compose = yamlDocuments(Files.readString(ROOT.resolve("docker-compose.yml"))).get(0);
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(compose.get("services")).forEach((name, service) -> services.put(name, map(service)));
        return services;
    }

    static String topicJobName(Map<String, Map<String, Object>> services) {
        return services.entrySet().stream()
                .filter(e -> String.join(" ", strings(e.getValue().get("entrypoint"))).contains("create-topics.sh"))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no compose service runs create-topics.sh"));
    }

    static List<Map<String, Object>> yamlDocuments(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(options)).loadAll(text)) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    static Set<String> scriptTopics() throws IOException {
        String script = Files.readString(TOPIC_SCRIPT);
        Matcher array = Pattern.compile("(?ms)^topics=\\((.*?)^\\)").matcher(script);
        assertThat(array.find()).as("topics=( ... ) in " + TOPIC_SCRIPT).isTrue();
        return Arrays.stream(array.group(1).split("\\s+")).filter(word -> !word.isBlank())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Every topic of the contract: the pipeline, its dead-letter topics, and the other names {@link Topics} holds. */
    static Set<String> contractTopics() {
        Set<String> topics = new LinkedHashSet<>(Topics.allWithDeadLetters());
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && !field.getName().equals("DLQ_SUFFIX") && !field.getName().endsWith("_HEADER")) {
                try {
                    topics.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        assertThat(topics).contains("safety-audit", "assignment-skips", "experiment-metrics");
        return topics;
    }

    static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            assertThat(eq).as(file + ": " + line).isPositive();
            values.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
        }
        return values;
    }

    static Optional<List<String>> kustomizeCommand() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Optional.of(List.of(Path.of(dir, "kubectl").toString(), "kustomize"));
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kustomize"))) {
                return Optional.of(List.of(Path.of(dir, "kustomize").toString(), "build"));
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
