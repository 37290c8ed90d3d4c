#!/usr/bin/env bash
# The deployment files are checked offline, against the code they deploy
# (no cluster runs here; the image and docker-compose.yml are also run for
# real by scripts/test-containers.sh): they parse;
# every Deployment has probes on the port its config listens on, requests
# and limits, and runs a binary the build makes; the config they ship passes
# `precis config check`; the autoscalers watch the summarizers' real group
# and topic; every metric the alerts and the dashboard ask for is one the
# services export; compose and the Dockerfile name real binaries and keep
# secrets in the environment.
. "$(dirname "$0")/lib.sh"

python3 - "$TOP" "$BIN_DIR" "$work" <<'PY' || fail "deployment files are inconsistent (see above)"
import glob, json, os, re, subprocess, sys
import yaml

top, bins, work = sys.argv[1:]
problems = []
def check(cond, what):
    if not cond:
        problems.append(what)

binaries = {os.path.basename(p) for p in glob.glob(os.path.join(bins, "precis*"))}
check({"precis", "precis-fetcher", "precis-extractor", "precis-summarizer", "precis-publisher"} <= binaries,
      "the build lacks binaries: %s" % sorted(binaries))

# The metrics the services export, as docs/operations.md lists them.
ops = open(os.path.join(top, "docs", "operations.md")).read()
metrics = set(re.findall(r"^\| `(precis_[a-z_]+)`", ops, re.M))
check(len(metrics) > 15, "docs/operations.md lists %d metrics" % len(metrics))
def known(expr, where):
    for m in set(re.findall(r"\bprecis_[a-z_]+", expr)):
        base = re.sub(r"_(bucket|sum|count)$", "", m)
        check(base in metrics, "%s asks for %s, which no service exports" % (where, m))

# --- Kubernetes base and overlays
base = os.path.join(top, "deploy", "k8s", "base")
kust = yaml.safe_load(open(os.path.join(base, "kustomization.yaml")))
docs = []
for r in kust["resources"]:
    docs += [d for d in yaml.safe_load_all(open(os.path.join(base, r))) if d]
cfg_file = kust["configMapGenerator"][0]["files"][0]
cfg_path = os.path.join(base, cfg_file)
cfg = yaml.safe_load(open(cfg_path))
rc = subprocess.run([os.path.join(bins, "precis"), "config", "check", "--config", cfg_path], capture_output=True, text=True)
check(rc.returncode == 0, "k8s precis.yml: %s" % (rc.stderr or rc.stdout).strip())
port = int(cfg["http"]["listen"].rsplit(":", 1)[1])
deploys = [d for d in docs if d["kind"] == "Deployment"]
check(sorted(d["metadata"]["name"] for d in deploys) ==
      ["precis-extractor", "precis-fetcher", "precis-publisher", "precis-summarizer"], "k8s: the four services")
secret_keys = set()
for d in docs:
    if d["kind"] == "Secret":
        secret_keys |= set(d.get("stringData", {}))
for d in deploys:
    name = d["metadata"]["name"]
    c = d["spec"]["template"]["spec"]["containers"][0]
    check(c["command"][0] in binaries, "%s runs %s, which the build does not make" % (name, c["command"][0]))
    check(c["command"][0] == name, "%s runs %s" % (name, c["command"][0]))
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    check(ports.get("http") == port, "%s: container port %s, config listens on %d" % (name, ports, port))
    for probe, path in (("readinessProbe", "/readyz"), ("livenessProbe", "/healthz")):
        get = c.get(probe, {}).get("httpGet", {})
        check(get.get("path") == path and get.get("port") in ("http", port), "%s: %s on %s" % (name, probe, path))
    for kind in ("requests", "limits"):
        check({"cpu", "memory"} <= set(c.get("resources", {}).get(kind, {})), "%s: resources.%s" % (name, kind))
    mounts = {m["mountPath"] for m in c.get("volumeMounts", [])}
    check(os.path.dirname(c["command"][2]) in mounts, "%s: its --config is not mounted" % name)
    check(any(e.get("secretRef") for e in c.get("envFrom", [])), "%s: no secrets from the environment" % name)
    check(d["spec"]["template"]["spec"].get("securityContext", {}).get("runAsNonRoot"), "%s: may run as root" % name)
    check(d["spec"]["template"]["spec"].get("terminationGracePeriodSeconds", 30) * 1000 >
          cfg.get("pipeline", {}).get("shutdown_timeout_ms", 20000), "%s: grace period shorter than shutdown_timeout_ms" % name)
check({d["metadata"]["name"] for d in docs if d["kind"] == "PodDisruptionBudget"} >=
      {"precis-summarizer", "precis-extractor"}, "k8s: PodDisruptionBudgets")
check("OPENAI_API_KEY" in secret_keys, "k8s: the LLM key is not in the Secret")
pub = [d for d in deploys if d["metadata"]["name"] == "precis-publisher"][0]
pub_mounts = {m["mountPath"] for m in pub["spec"]["template"]["spec"]["containers"][0]["volumeMounts"]}
check(cfg["publisher"]["output_dir"] in pub_mounts, "k8s: the publisher's output_dir is not a volume")

group = cfg.get("pipeline", {}).get("group_prefix", "precis") + "-summarizer"
articles = cfg.get("topics", {}).get("articles", "precis.articles")
check(articles in open(os.path.join(top, "proto", "README.md")).read(), "proto/README.md does not name %s" % articles)
so = yaml.safe_load(open(os.path.join(top, "deploy", "k8s", "overlays", "keda", "scaledobject.yaml")))
trig = so["spec"]["triggers"][0]["metadata"]
check(so["spec"]["scaleTargetRef"]["name"] == "precis-summarizer", "KEDA scales %s" % so["spec"]["scaleTargetRef"]["name"])
check(trig["consumerGroup"] == group and trig["topic"] == articles, "KEDA watches %s/%s, not %s/%s" % (trig["consumerGroup"], trig["topic"], group, articles))
check(trig["bootstrapServers"] == cfg["kafka"]["bootstrap.servers"], "KEDA's broker is not the config's")
check(so["spec"]["maxReplicaCount"] <= cfg["topics"]["partitions"], "KEDA may start more summarizers than partitions")
hpa = yaml.safe_load(open(os.path.join(top, "deploy", "k8s", "overlays", "hpa", "hpa.yaml")))
check(hpa["spec"]["scaleTargetRef"]["name"] == "precis-summarizer", "the HPA scales the wrong thing")
check(hpa["spec"]["maxReplicas"] <= cfg["topics"]["partitions"], "the HPA may start more summarizers than partitions")
known(open(os.path.join(top, "deploy", "k8s", "overlays", "hpa", "hpa.yaml")).read(), "the HPA's adapter rule")
for o in ("keda", "hpa"):
    k = yaml.safe_load(open(os.path.join(top, "deploy", "k8s", "overlays", o, "kustomization.yaml")))
    check("../../base" in k["resources"], "overlay %s does not build on the base" % o)

# --- alerts and dashboard
rules = yaml.safe_load(open(os.path.join(top, "deploy", "prometheus", "precis-alerts.yml")))
names = set()
for g in rules["groups"]:
    for r in g["rules"]:
        names.add(r["alert"])
        known(r["expr"], "alert " + r["alert"])
check({"PrecisLagGrowing", "PrecisSinkFailing", "PrecisSourceDead"} <= names, "alerts: lag growing, sink failing, source dead")
dash = json.load(open(os.path.join(top, "deploy", "grafana", "precis-dashboard.json")))
for p in dash["panels"]:
    for t in p["targets"]:
        known(t["expr"], "dashboard panel '%s'" % p["title"])

# --- compose and the image
compose = yaml.safe_load(open(os.path.join(top, "docker-compose.yml")))
svcs = compose["services"]
check(re.fullmatch(r"apache/kafka:4\.\d+\.\d+", svcs["kafka"]["image"]), "compose: Kafka is not pinned to a 4.x release")
for name in ("fetcher", "extractor", "summarizer", "publisher"):
    s = svcs[name]
    check(s["entrypoint"][0] in binaries, "compose %s runs %s" % (name, s["entrypoint"][0]))
    check("healthcheck" in s, "compose %s has no health check" % name)
    # podman-compose 1.0 quotes a list's words wrongly and empties a list
    # shared by replicas: the test is a string (CMD-SHELL).
    check(isinstance(s.get("healthcheck", {}).get("test"), str), "compose %s: the health check is not a string" % name)
check(svcs["summarizer"].get("deploy", {}).get("replicas", 1) > 1, "compose: one summarizer")
check(str(svcs["summarizer"]["environment"].get("OPENAI_API_KEY", "")).startswith("${"), "compose: the LLM key is not from the environment")
for v in ("digests", "redis-data"):
    check(v in compose.get("volumes", {}), "compose: no volume %s" % v)
ccfg = yaml.safe_load(open(os.path.join(top, "deploy", "precis-compose.yml")))
# config check reads the feed files, which the image has where the Dockerfile copies examples/.
with open(os.path.join(work, "precis-compose.yml"), "w", encoding="utf-8") as f:
    f.write(open(os.path.join(top, "deploy", "precis-compose.yml"), encoding="utf-8").read()
            .replace("/usr/share/precis/examples/", os.path.join(top, "examples") + "/"))
rc = subprocess.run([os.path.join(bins, "precis"), "config", "check", "--config", f.name],
                    capture_output=True, text=True)
check(rc.returncode == 0, "precis-compose.yml: %s" % (rc.stderr or rc.stdout).strip())
docker = open(os.path.join(top, "deploy", "Dockerfile")).read()
entry = re.search(r'ENTRYPOINT \["([^"]+)"', docker).group(1)
check(os.path.basename(entry) in binaries, "the image's entrypoint %s is not built" % entry)
check(re.search(r"^USER (?!root)\w+", docker, re.M), "the image runs as root")
check("scripts/setup.sh" in docker, "the image does not build with the README's setup script")
# Debian 13's librdkafka 2.8 is what talks to Kafka 4.x; 12's 2.0.2 does not.
froms = re.findall(r"^FROM (\S+)", docker, re.M)
check(froms and all(f == "debian:trixie-slim" for f in froms), "the image is not built on debian:trixie-slim: %s" % froms)

for p in problems:
    print("deploy: " + p)
sys.exit(1 if problems else 0)
PY
echo "deploy files: k8s, compose, image, alerts and dashboard agree with the code"
