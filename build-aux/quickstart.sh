#!/bin/sh
# Install the dependencies, build Mail Doctor and start it from the build tree.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/build-aux/install-deps.sh"
[ -f "$top/_build/build.ninja" ] || meson setup "$top/_build" "$top"
meson compile -C "$top/_build"
exec meson devenv -C "$top/_build" mail-doctor "$@"
