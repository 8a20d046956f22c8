#!/bin/sh
# Regenerates ../../tests/fixtures/yaml/*.yaml goldens from *.json with real kubectl.
# Every fixture already carries label zz="1", so `label --overwrite` is a no-op
# (--show-managed-fields keeps metadata.managedFields, which plain `kubectl get -o yaml`
# hides) and the printed YAML is exactly kubectl's rendering of the input object.
# Each fixture is rendered 3 times: go-yaml's key order is only deterministic
# when its comparison is transitive on the keys present.
set -u
cd "$(dirname "$0")/../../tests/fixtures/yaml" || exit 1
rc=0
render() {
  env -u KUBECONFIG kubectl label --local --overwrite --show-managed-fields -f "$1" zz=1 -o yaml
}
for f in *.json; do
  n=${f%.json}
  if render "$f" > "$n.yaml.tmp" 2> "$n.err"; then
    for i in 1 2; do
      render "$f" 2>/dev/null | cmp -s - "$n.yaml.tmp" || { echo "nondeterministic kubectl output for $f" >&2; rc=1; }
    done
    mv "$n.yaml.tmp" "$n.yaml"; rm -f "$n.err"
  else
    echo "kubectl failed on $f: $(cat "$n.err")" >&2
    rm -f "$n.yaml.tmp" "$n.err"; rc=1
  fi
done
exit $rc
