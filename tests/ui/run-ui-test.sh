#!/bin/sh
# Runs one UI test on a private X server: Xvfb on a free display (xvfb-run -a), the cairo
# renderer (no GPU on a CI machine), no accessibility bus, in-memory settings, and a
# throw-away home for recent files, so tests neither need nor touch the user's session.
set -u
export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory
unset WAYLAND_DISPLAY DISPLAY DBUS_SESSION_BUS_ADDRESS
home=$(mktemp -d "${TMPDIR:-/tmp}/wl-ui-home.XXXXXX")
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache"
export XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" "$@"
status=$?
rm -rf "$home"
exit $status
