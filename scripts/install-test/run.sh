#!/usr/bin/env bash
# The adopter's install test: packs the k8s-ops plugins, takes a fresh app
# made by @backstage/create-app, installs the tarballs and wires them as the
# READMEs say (adopt.mjs), type checks and builds the app, starts its
# backend against a local cluster, and checks in Chromium that the k8s-ops
# page and an entity's Kubernetes tab render in the app's own theme.
#
# The tarballs are served by registry.mjs, a registry for the @k8s-ops scope
# only, so that the READMEs' `yarn add` lines run unchanged.
#
# The app made by create-app, and its yarn.lock from the first install, are
# kept in ~/.cache/k8s-ops/create-app/<version>/app (a git repository at the
# pristine app): each run resets the app to it, so that only node_modules
# carries over, reconciled by Yarn. Runs take a lock on that folder.
#
# The backend listens on a free port other than 3000 and 7007. Logs and
# screenshots go to .artifacts/install-test/. Prints the time of each step.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
repo=$PWD
source scripts/toolchain.sh
k8s_ops_toolchain

create_app_version=${K8S_OPS_CREATE_APP_VERSION:-0.9.2}
cache="${K8S_OPS_CACHE:-$HOME/.cache/k8s-ops}/create-app/$create_app_version"
artifacts=$repo/.artifacts/install-test
work=$(mktemp -d "${TMPDIR:-/tmp}/k8s-ops-install-test.XXXXXX")
app=$cache/app
rm -rf "$artifacts"
mkdir -p "$artifacts" "$cache"

# Background processes, each the leader of its own process group.
pids=()
background() {
  local log=$1
  shift
  setsid "$@" >"$log" 2>&1 &
  pids+=($!)
}
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

started=$(date +%s)
last=$started
took() {
  local now
  now=$(date +%s)
  echo "::: install test: $1 in $((now - last)) s"
  last=$now
}

# `yarn add` asks Algolia for @types packages to add too; where Algolia
# cannot be reached, Yarn stops with "The `onCancel` handler was attached
# after the promise settled".
export YARN_TS_ENABLE_AUTO_TYPES=false

exec 9>"$cache/lock"
flock 9

# --- the packages, as they would be published --------------------------------
# scripts/test.sh has type checked the repository just before (the type
# declarations come from it). The packages are built here in any case: a
# production build of the backend rebuilds them without declarations.
if [ "${K8S_OPS_PACKAGES_BUILT:-0}" != 1 ]; then
  yarn tsc
fi
yarn backstage-cli repo build
mkdir -p "$work/packs"
for dir in plugins/*/; do
  if node -e 'process.exit(require(process.argv[1]).private ? 1 : 0)' "$repo/$dir/package.json"; then
    (cd "$dir" && yarn pack --out "$work/packs/%s-%v.tgz" >/dev/null)
  fi
done
ls "$work/packs"
took "packed"

# --- a fresh app ---------------------------------------------------------------
if [ ! -f "$app/.install-test-pristine" ]; then
  rm -rf "$app"
  BACKSTAGE_APP_NAME=adopter npx -y "@backstage/create-app@$create_app_version" \
    --skip-install --path "$app"
  cd "$app"
  yarn install
  # Without its yarn.lock seed (from raw.githubusercontent.com), create-app
  # resolves the newest plugin patches against its own backend-defaults,
  # 0.18, and plugin-signals-backend 0.3.21 then fails at start-up for want
  # of httpRouter.addWebSocketHandler (0.19). The seed would keep them in
  # step; here the backend takes the 0.19 that the plugins need.
  yarn --cwd packages/backend add '@backstage/backend-defaults@^0.19.0'
  # better-sqlite3 12, built here from source, aborts the backend on Node 24
  # ("RemoveEnvironmentCleanupHook: Assertion failed: (env) != nullptr");
  # 13 ships binaries for Node 24, as in this repository.
  yarn --cwd packages/backend add 'better-sqlite3@^13.2.0'
  touch .install-test-pristine
  git init -q
  git add -A
  git -c user.name=install-test -c user.email=install-test@localhost \
    commit -qm "create-app $create_app_version, installed"
  cd "$repo"
  took "made the app with create-app $create_app_version"
fi
cd "$app"
git reset -q --hard
git clean -fdq
rm -rf dist-types packages/*/dist
# Drops the packages of the previous run from node_modules.
yarn install >"$artifacts/yarn-reset.log"
took "reset the app"

# --- the READMEs' steps ----------------------------------------------------------
background "$artifacts/registry.log" \
  node "$repo/scripts/install-test/registry.mjs" "$work/packs" "$work/registry.url"
until [ -f "$work/registry.url" ]; do sleep 0.2; done
yarn config set npmScopes.k8s-ops.npmRegistryServer "$(cat "$work/registry.url")" >/dev/null
yarn config set unsafeHttpWhitelist --json '["localhost"]' >/dev/null
# Packages published less than three days ago wait behind create-app's age
# gate; these are published this very minute.
yarn config set npmPreapprovedPackages --json '["@backstage/*", "@k8s-ops/*"]' >/dev/null
# Yarn's cache is keyed by name and version: drop the previous run's tarballs.
rm -f "$(yarn config get cacheFolder)"/@k8s-ops-*

node "$repo/scripts/install-test/adopt.mjs" "$app" "$repo"/plugins/*/README.md
# The adopter's own catalog: the example website runs as the seeded storefront.
sed -i 's/^  name: example-website$/&\n  annotations:\n    backstage.io\/kubernetes-id: storefront/' \
  examples/entities.yaml
grep -q 'kubernetes-id: storefront' examples/entities.yaml
git diff --stat
took "followed the READMEs"

yarn tsc
took "type checked the app"
yarn --cwd packages/app build >"$artifacts/app-build.log"
took "built the frontend"

# --- a local cluster and the backend --------------------------------------------
K8S_OPS_KUBE_BIN="${K8S_OPS_KUBE_BIN:-$("$repo/tools/kube/build.sh")}"
export K8S_OPS_KUBE_BIN
background "$artifacts/clusters.log" \
  node --require "$repo/node_modules/@backstage/cli/config/nodeTransform.cjs" \
  "$repo/packages/local-kube/src/cli.ts" --out "$work/clusters.yaml" dev
until [ -f "$work/clusters.yaml" ]; do
  kill -0 "${pids[-1]}" 2>/dev/null || {
    cat "$artifacts/clusters.log" >&2
    exit 1
  }
  sleep 0.5
done
# What the README's config reads from the environment.
eval "$(node -e '
  const { parse } = require(process.argv[2]);
  const dev = parse(require("fs").readFileSync(process.argv[1], "utf8")).k8sOps.clusters[0];
  const out = { K8S_DEV_URL: dev.url, K8S_DEV_CA_DATA: dev.caData, K8S_DEV_TOKEN: dev.token };
  for (const [k, v] of Object.entries(out)) console.log(`export ${k}=${JSON.stringify(v)}`);
' "$work/clusters.yaml" "$repo/node_modules/yaml")"
K8S_OPS_ENCRYPTION_KEY="$(openssl rand -base64 32)"
export K8S_OPS_ENCRYPTION_KEY
took "started a local cluster"

port=$(node -e '
  const s = require("net").createServer().listen(0, "127.0.0.1", () => {
    console.log(s.address().port);
    s.close();
  });
')
url=http://localhost:$port
cat >"$work/app-config.port.yaml" <<EOF
app:
  baseUrl: $url
backend:
  baseUrl: $url
  listen:
    port: $port
  cors:
    origin: $url
EOF
background "$artifacts/backend.log" \
  yarn --cwd packages/backend start --config "$app/app-config.yaml" \
  --config "$work/app-config.port.yaml"
for _ in $(seq 600); do
  curl -fs "$url/api/k8s-ops/health" >/dev/null && break
  kill -0 "${pids[-1]}" 2>/dev/null || break
  sleep 0.5
done
curl -fs "$url/api/k8s-ops/health" >/dev/null || {
  tail -50 "$artifacts/backend.log" >&2
  exit 1
}
took "started the backend"

cd "$repo"
K8S_OPS_INSTALL_TEST_URL=$url yarn playwright test \
  --config scripts/install-test/playwright.config.ts
took "checked the app in Chromium"
echo "::: install test: $(($(date +%s) - started)) s in all"
