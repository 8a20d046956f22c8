#!/bin/sh
# Regenerates ../../tests/fixtures/go/*.json from main.go, offline.
# Needs: apt-get install -y golang-go golang-gopkg-yaml.v2-dev
# GOPATH mode (go.mod ignored): gopkg.in/yaml.v2 comes from Debian's
# /usr/share/gocode/src, so no network and no go.sum are needed.
set -eu
cd "$(dirname "$0")"
out=../../tests/fixtures/go
mkdir -p "$out"
GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= GOPROXY=off go run . "$out"
for f in "$out"/*.json; do
  python3 -m json.tool "$f" >/dev/null || { echo "invalid JSON: $f" >&2; exit 1; }
done
