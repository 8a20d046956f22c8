# Builds three realistic Node objects shaped like `kubectl get node -o json`
# dumps (kubeadm/containerd, GKE-like, EKS-like). Deterministic.
import json, random, hashlib

def digest(seed):
    return "sha256:" + hashlib.sha256(seed.encode()).hexdigest()

REPOS = [
    "registry.k8s.io/kube-apiserver", "registry.k8s.io/kube-controller-manager",
    "registry.k8s.io/kube-scheduler", "registry.k8s.io/kube-proxy", "registry.k8s.io/etcd",
    "registry.k8s.io/coredns/coredns", "registry.k8s.io/pause", "docker.io/calico/node",
    "docker.io/calico/cni", "docker.io/calico/kube-controllers", "quay.io/prometheus/node-exporter",
    "quay.io/prometheus/prometheus", "docker.io/grafana/grafana", "docker.io/library/nginx",
    "docker.io/library/redis", "docker.io/library/postgres", "ghcr.io/fluxcd/source-controller",
    "ghcr.io/fluxcd/kustomize-controller", "quay.io/jetstack/cert-manager-controller",
    "quay.io/jetstack/cert-manager-webhook", "quay.io/jetstack/cert-manager-cainjector",
    "registry.k8s.io/ingress-nginx/controller", "registry.k8s.io/metrics-server/metrics-server",
    "docker.io/bitnami/kubectl", "gcr.io/distroless/static", "docker.io/library/busybox",
    "public.ecr.aws/eks-distro/kubernetes/pause", "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni",
    "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni-init", "gke.gcr.io/gke-metrics-agent",
    "gke.gcr.io/fluent-bit", "gke.gcr.io/prometheus-to-sd", "docker.io/istio/proxyv2",
    "docker.io/istio/pilot", "quay.io/cilium/cilium", "quay.io/cilium/operator-generic",
    "docker.io/rancher/local-path-provisioner", "docker.io/kindest/kindnetd",
    "registry.k8s.io/sig-storage/csi-node-driver-registrar", "registry.k8s.io/sig-storage/livenessprobe",
    "registry.k8s.io/sig-storage/csi-provisioner", "registry.k8s.io/sig-storage/csi-attacher",
    "docker.io/velero/velero", "docker.io/library/alpine", "docker.io/library/python",
    "docker.io/library/golang", "quay.io/argoproj/argocd", "docker.io/bitnami/redis",
    "docker.io/elastic/filebeat", "docker.io/datadog/agent",
]

def images(rng, prefix):
    out = []
    for i, repo in enumerate(REPOS):
        tag = "v%d.%d.%d" % (rng.randint(0, 3), rng.randint(0, 30), rng.randint(0, 12))
        names = ["%s@%s" % (repo, digest(prefix + repo))]
        if i % 7 != 3:
            names.append("%s:%s" % (repo, tag))
        if i % 11 == 5:
            names.append("%s:latest" % repo)
        out.append({"names": names, "sizeBytes": rng.randint(300000, 900000000)})
    return out

def conditions(ts, hb):
    c = []
    for typ, reason, msg in [
        ("MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        ("DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        ("PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        ("Ready", "KubeletReady", "kubelet is posting ready status. AppArmor enabled"),
    ]:
        c.append({"lastHeartbeatTime": hb, "lastTransitionTime": ts, "message": msg, "reason": reason,
                  "status": "True" if typ == "Ready" else "False", "type": typ})
    return c

def managed(ts, hb, name):
    return [
        {"apiVersion": "v1", "fieldsType": "FieldsV1", "fieldsV1": {"f:metadata": {"f:annotations": {
            ".": {}, "f:kubeadm.alpha.kubernetes.io/cri-socket": {}, "f:volumes.kubernetes.io/controller-managed-attach-detach": {}},
            "f:labels": {".": {}, "f:beta.kubernetes.io/arch": {}, "f:beta.kubernetes.io/os": {}, "f:kubernetes.io/arch": {},
                         "f:kubernetes.io/hostname": {}, "f:kubernetes.io/os": {}}}},
         "manager": "kubelet", "operation": "Update", "time": ts},
        {"apiVersion": "v1", "fieldsType": "FieldsV1", "fieldsV1": {"f:metadata": {"f:annotations": {
            "f:node.alpha.kubernetes.io/ttl": {}}}, "f:spec": {"f:podCIDR": {}, "f:podCIDRs": {".": {}, "v:\"10.244.0.0/24\"": {}}}},
         "manager": "kube-controller-manager", "operation": "Update", "time": ts},
        {"apiVersion": "v1", "fieldsType": "FieldsV1", "fieldsV1": {"f:status": {"f:conditions": {
            "k:{\"type\":\"DiskPressure\"}": {"f:lastHeartbeatTime": {}},
            "k:{\"type\":\"MemoryPressure\"}": {"f:lastHeartbeatTime": {}},
            "k:{\"type\":\"PIDPressure\"}": {"f:lastHeartbeatTime": {}},
            "k:{\"type\":\"Ready\"}": {"f:lastHeartbeatTime": {}, "f:lastTransitionTime": {}, "f:message": {}, "f:reason": {}, "f:status": {}}},
            "f:images": {}, "f:nodeInfo": {"f:bootID": {}, "f:kernelVersion": {}}}},
         "manager": "kubelet", "operation": "Update", "subresource": "status", "time": hb},
    ]

def node(seed, name, flavor):
    rng = random.Random(seed)
    ts = "2024-0%d-1%dT0%d:4%d:5%dZ" % (rng.randint(1, 9), rng.randint(0, 9), rng.randint(0, 9), rng.randint(0, 9), rng.randint(0, 9))
    hb = "2025-03-2%dT1%d:0%d:3%dZ" % (rng.randint(0, 9), rng.randint(0, 9), rng.randint(0, 9), rng.randint(0, 9))
    ip = "10.0.%d.%d" % (rng.randint(0, 255), rng.randint(1, 254))
    ann = {
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
        "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/containerd/containerd.sock",
    }
    labels = {
        "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": name, "kubernetes.io/os": "linux",
        "zz": "1",
    }
    spec = {"podCIDR": "10.244.%d.0/24" % rng.randint(0, 200)}
    spec["podCIDRs"] = [spec["podCIDR"]]
    if flavor == "kubeadm":
        ann["projectcalico.org/IPv4Address"] = ip + "/24"
        ann["projectcalico.org/IPv4IPIPTunnelAddr"] = "192.168.%d.%d" % (rng.randint(0, 255), rng.randint(0, 255))
        labels["node-role.kubernetes.io/control-plane"] = ""
        labels["node.kubernetes.io/exclude-from-external-load-balancers"] = ""
        spec["taints"] = [{"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}]
        os_image, runtime, kernel = "Ubuntu 22.04.4 LTS", "containerd://1.7.13", "5.15.0-105-generic"
    elif flavor == "gke":
        del ann["kubeadm.alpha.kubernetes.io/cri-socket"]
        ann["container.googleapis.com/instance_id"] = str(rng.randint(10**18, 10**19))
        ann["csi.volume.kubernetes.io/nodeid"] = json.dumps({"pd.csi.storage.gke.io": "projects/acme-prod/zones/us-central1-a/instances/" + name}, separators=(",", ":"))
        ann["node.gke.io/last-applied-node-labels"] = "cloud.google.com/gke-boot-disk=pd-balanced,cloud.google.com/gke-container-runtime=containerd,cloud.google.com/gke-cpu-scaling-level=4,cloud.google.com/gke-logging-variant=DEFAULT,cloud.google.com/gke-max-pods-per-node=110,cloud.google.com/gke-nodepool=default-pool,cloud.google.com/gke-os-distribution=cos,cloud.google.com/machine-family=e2"
        ann["node.gke.io/last-applied-node-taints"] = ""
        for k, v in [("cloud.google.com/gke-boot-disk", "pd-balanced"), ("cloud.google.com/gke-container-runtime", "containerd"),
                     ("cloud.google.com/gke-cpu-scaling-level", "4"), ("cloud.google.com/gke-max-pods-per-node", "110"),
                     ("cloud.google.com/gke-nodepool", "default-pool"), ("cloud.google.com/gke-os-distribution", "cos"),
                     ("cloud.google.com/gke-provisioning", "standard"), ("cloud.google.com/gke-stack-type", "IPV4"),
                     ("cloud.google.com/machine-family", "e2"), ("cloud.google.com/private-node", "false"),
                     ("failure-domain.beta.kubernetes.io/region", "us-central1"), ("failure-domain.beta.kubernetes.io/zone", "us-central1-a"),
                     ("node.kubernetes.io/instance-type", "e2-standard-4"), ("topology.gke.io/zone", "us-central1-a"),
                     ("topology.kubernetes.io/region", "us-central1"), ("topology.kubernetes.io/zone", "us-central1-a")]:
            labels[k] = v
        spec["providerID"] = "gce://acme-prod/us-central1-a/" + name
        spec["taints"] = [{"effect": "NoSchedule", "key": "node.kubernetes.io/unschedulable", "timeAdded": hb}]
        spec["unschedulable"] = True
        os_image, runtime, kernel = "Container-Optimized OS from Google", "containerd://1.7.15", "6.1.75+"
    else:
        del ann["kubeadm.alpha.kubernetes.io/cri-socket"]
        ann["alpha.kubernetes.io/provided-node-ip"] = ip
        for k, v in [("eks.amazonaws.com/capacityType", "ON_DEMAND"), ("eks.amazonaws.com/nodegroup", "ng-1"),
                     ("eks.amazonaws.com/nodegroup-image", "ami-0abcdef1234567890"), ("eks.amazonaws.com/sourceLaunchTemplateVersion", "1"),
                     ("k8s.io/cloud-provider-aws", "a1b2c3d4e5f60718293a4b5c6d7e8f90"), ("node.kubernetes.io/instance-type", "m5.xlarge"),
                     ("topology.ebs.csi.aws.com/zone", "us-west-2b"), ("topology.k8s.aws/zone-id", "usw2-az1"),
                     ("topology.kubernetes.io/region", "us-west-2"), ("topology.kubernetes.io/zone", "us-west-2b")]:
            labels[k] = v
        spec["providerID"] = "aws:///us-west-2b/i-0123456789abcdef0"
        os_image, runtime, kernel = "Amazon Linux 2", "containerd://1.7.11", "5.10.210-201.852.amzn2.x86_64"
    status = {
        "addresses": [{"address": ip, "type": "InternalIP"}, {"address": name, "type": "Hostname"}],
        "allocatable": {"cpu": "3920m", "ephemeral-storage": "47233297124", "hugepages-1Gi": "0", "hugepages-2Mi": "0",
                        "memory": "15236416Ki", "pods": "110"},
        "capacity": {"cpu": "4", "ephemeral-storage": "101430960Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0",
                     "memory": "16284992Ki", "pods": "110"},
        "conditions": conditions(ts, hb),
        "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
        "images": images(rng, name),
        "nodeInfo": {"architecture": "amd64", "bootID": "6f1e0c52-%04x-4a8e-9b1c-3d2e1f0a9b8c" % rng.randint(0, 65535),
                     "containerRuntimeVersion": runtime, "kernelVersion": kernel, "kubeProxyVersion": "v1.29.3",
                     "kubeletVersion": "v1.29.3", "machineID": hashlib.md5(name.encode()).hexdigest(),
                     "operatingSystem": "linux", "osImage": os_image, "systemUUID": "ec2" + hashlib.md5(name.encode()).hexdigest()[3:]},
    }
    if flavor == "gke":
        status["addresses"].insert(1, {"address": "34.%d.%d.%d" % (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255)), "type": "ExternalIP"})
        status["volumesAttached"] = [{"devicePath": "/dev/disk/by-id/google-pvc-%s" % hashlib.md5(b"x").hexdigest(),
                                      "name": "kubernetes.io/csi/pd.csi.storage.gke.io^projects/acme-prod/zones/us-central1-a/disks/pvc-%s" % hashlib.md5(b"y").hexdigest()}]
        status["volumesInUse"] = ["kubernetes.io/csi/pd.csi.storage.gke.io^projects/acme-prod/zones/us-central1-a/disks/pvc-%s" % hashlib.md5(b"y").hexdigest()]
    if flavor == "eks":
        status["addresses"].append({"address": "ip-10-0-1-23.us-west-2.compute.internal", "type": "InternalDNS"})
        status["config"] = {}
    meta = {"annotations": ann, "creationTimestamp": ts, "labels": labels, "managedFields": managed(ts, hb, name),
            "name": name, "resourceVersion": str(rng.randint(100000, 99999999)), "uid": "%08x-1c2d-4e5f-8a9b-0c1d2e3f4a5b" % rng.randint(0, 2**32 - 1)}
    return {"apiVersion": "v1", "kind": "Node", "metadata": meta, "spec": spec, "status": status}

for seed, name, flavor in [(1, "cp-1", "kubeadm"), (2, "gke-acme-prod-default-pool-1a2b3c4d-x9z8", "gke"),
                           (3, "ip-10-0-1-23.us-west-2.compute.internal", "eks")]:
    with open("tests/fixtures/yaml/node_%s.json" % flavor, "w") as f:
        json.dump(node(seed, name, flavor), f, indent=2)
