# Sourced by the scripts: the tools that scripts/setup installs, first in PATH.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$HOME/.cargo/bin:$root/tests/e2e/node_modules/.bin:$PATH"
