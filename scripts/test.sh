#!/usr/bin/env bash
# Runs every check of k8s-ops on a fresh machine: installs the toolchain,
# the packages, PostgreSQL and Chromium when missing, builds the local
# control plane binaries (or reuses them), then runs the type check, lint,
# prettier, every Jest suite (unit, SQLite and PostgreSQL, real clusters) and
# the end-to-end tests in headless Chromium. The last line sums it all up as
# `N passed, N failed`.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$(date +%s)
artifacts=.artifacts
rm -rf "$artifacts/jest.json" "$artifacts/e2e"
mkdir -p "$artifacts"

passed=0
failed=0
count() { passed=$((passed + $1)); failed=$((failed + $2)); }
abort() {
  echo "$1" >&2
  count 0 1
  echo "$passed passed, $failed failed"
  exit 1
}
check() {
  local name=$1
  shift
  echo "::: $name"
  if "$@"; then
    count 1 0
    echo "::: $name passed"
  else
    count 0 1
    echo "::: $name FAILED"
  fi
}

# --- what the checks need -------------------------------------------------
source scripts/toolchain.sh
k8s_ops_toolchain || abort "could not install Node.js and Yarn"
yarn install --immutable || abort "yarn install --immutable failed"

apt_updated=""
apt_install() {
  local sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  if [ -z "$apt_updated" ]; then
    $sudo_cmd apt-get update -qq && apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@"
}
if ! command -v pg_ctlcluster >/dev/null || [ ! -d /usr/lib/postgresql/15 ]; then
  apt_install postgresql-15 >/dev/null || abort "could not install PostgreSQL 15"
fi
BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$(scripts/postgres.sh)" ||
  abort "PostgreSQL 15 did not start"
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING

export K8S_OPS_CHROMIUM="${K8S_OPS_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$K8S_OPS_CHROMIUM" ]; then
  apt_install chromium >/dev/null || abort "could not install Chromium"
fi

K8S_OPS_KUBE_BIN="$(tools/kube/build.sh)" || abort "could not build the control plane binaries"
export K8S_OPS_KUBE_BIN

# --- the checks ------------------------------------------------------------
check "type check" yarn tsc
check "lint" yarn backstage-cli repo lint
check "prettier" yarn prettier --check .
check "packages" node scripts/check-packages.mjs
check "build" yarn backstage-cli repo build --all

echo "::: jest"
CI=true yarn backstage-cli repo test --ci --json --outputFile="$artifacts/jest.json"
if [ -f "$artifacts/jest.json" ]; then
  read -r jp jf < <(node -e '
    const r = require(process.argv[1]);
    // A suite that fails to run has no tests but must still count as failed.
    console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites);
  ' "$PWD/$artifacts/jest.json")
  count "$jp" "$jf"
  echo "::: jest: $jp passed, $jf failed"
else
  count 0 1
  echo "::: jest FAILED to report"
fi

echo "::: end-to-end"
yarn playwright test
if [ -f "$artifacts/e2e/results.json" ]; then
  read -r ep ef < <(node -e '
    const s = require(process.argv[1]).stats;
    console.log(s.expected, s.unexpected + s.flaky + (s.skipped ?? 0));
  ' "$PWD/$artifacts/e2e/results.json")
  count "$ep" "$ef"
  echo "::: end-to-end: $ep passed, $ef failed"
else
  count 0 1
  echo "::: end-to-end FAILED to report"
fi

# An app made by create-app, with the packed plugins installed as the
# READMEs say (on a free port, not 3000/7007).
check "install test" env K8S_OPS_PACKAGES_BUILT=1 scripts/install-test/run.sh

echo "::: took $(($(date +%s) - started)) s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
