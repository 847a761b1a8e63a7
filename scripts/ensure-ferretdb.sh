#!/usr/bin/env bash
# Builds FerretDB v1 (a MongoDB wire-protocol server on PostgreSQL) into .tools/bin once.
# The module zip from the Go proxy lacks build/version/version.txt (its build generates it),
# so we copy the source, write the version, and build. Prints the binary's path.
set -euo pipefail
VERSION=v1.24.2
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${FERRETDB_BIN:-$root/.tools/bin/ferretdb}"
if [ -x "$bin" ]; then echo "$bin"; exit 0; fi
command -v go >/dev/null || { echo "Go is required to build FerretDB (apt-get install golang, or see BUILD-NOTES)" >&2; exit 1; }
mkdir -p "$(dirname "$bin")"
export GOFLAGS=-mod=mod
go mod download -json "github.com/FerretDB/FerretDB@$VERSION" >/dev/null
src="$(go env GOMODCACHE)/github.com/!ferret!d!b/!ferret!d!b@$VERSION"
work="$(mktemp -d)"
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cp -r "$src/." "$work/"
chmod -R u+w "$work"
echo "$VERSION" > "$work/build/version/version.txt"
echo "building FerretDB $VERSION (first time only, about a minute)…" >&2
(cd "$work" && go build -trimpath -o "$bin" ./cmd/ferretdb)
echo "$bin"
