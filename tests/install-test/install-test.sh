#!/usr/bin/env bash
# Installation test: PvScope goes into a real Eclipse from the update-site zip with the p2 director,
# headless; that Eclipse then starts under a (virtual) display with the PvScope perspective and a target on
# a real agent, and the OSGi console is asked for the bundle states and the workbench model for the views.
# Then a newer version of the update site is installed over it (the p2 update path) and checked the same way.
#
# Usage: install-test.sh ECLIPSE_ARCHIVE SITE_ZIP AGENT_JAR WORK_DIR SCREENSHOT
#   ECLIPSE_ARCHIVE  the product's tar.gz (an Eclipse without PvScope)
#   SITE_ZIP         the update site (p2 repository zip)
#   AGENT_JAR        pvscope-agent.jar, started on a free loopback port for the IDE to connect to
#   WORK_DIR         scratch directory (emptied), also holds logs and report.txt
#   SCREENSHOT       where the PNG of the workbench goes
# Needs JAVA_HOME (21+), and xvfb-run or a DISPLAY; without either it says so and skips.
set -euo pipefail

if [ $# -ne 5 ]; then
  sed -n '2,/^set -e/p' "$0" | sed '$d' >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
archive=$(realpath "$1"); site=$(realpath "$2"); agent_jar=$(realpath "$3")
work=$(realpath -m "$4"); screenshot=$(realpath -m "$5")

# A display of our own when possible: a known screen size for the screenshot, nothing popping up elsewhere.
if [ -z "${PVSCOPE_INSTALL_TEST_DISPLAY:-}" ]; then
  if command -v xvfb-run >/dev/null; then
    export PVSCOPE_INSTALL_TEST_DISPLAY=xvfb
    exec xvfb-run -a -s "-screen 0 1280x1024x24" "$0" "$@"
  elif [ -n "${DISPLAY:-}" ]; then
    export PVSCOPE_INSTALL_TEST_DISPLAY=$DISPLAY
  else
    echo "install-test: SKIPPED: no display (DISPLAY is unset and xvfb-run is missing; apt-get install xvfb xauth)"
    exit 0
  fi
fi

. "$here/../../scripts/eclipse.sh"
: "${JAVA_HOME:?JAVA_HOME must point at a JDK 21 or newer}"
java="$JAVA_HOME/bin/java"

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "install-test: ok: $*"; }
fail() { failed=$((failed + 1)); echo "install-test: FAILED: $*"; }
die() { fail "$*"; summary; exit 1; }
summary() { echo "install-test: $passed passed, $failed failed"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
mib() { du -sm "$1" | cut -f1; }

rm -rf "$work"
mkdir -p "$work" "$(dirname "$screenshot")"
eclipse="$work/eclipse"
report="$work/report.txt"
pids=()
store_dir=
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "$store_dir" ] && rm -rf "$store_dir"
}
trap cleanup EXIT

# --- the agent the IDE connects to -----------------------------------------------------------------------
# Read-only: no --allow-write. Its own simulated store, outside the checkout (the views show the store's path,
# which must not be this checkout's) and apart from the machine's default store file.
store_dir=$(mktemp -d -t pvscope-install-test-store.XXXXXX)
"$java" -jar "$agent_jar" serve --listen 127.0.0.1:0 --store "sim=$store_dir/sim.json" \
  > "$work/agent.out" 2> "$work/agent.err" &
pids+=($!)
port=
for _ in $(seq 200); do
  port=$(sed -n 's/.*serving on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/agent.out" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || die "the agent did not start: $(cat "$work/agent.err")"
echo "install-test: agent on 127.0.0.1:$port"

# --- 1. an Eclipse without PvScope, from the build's archive ---------------------------------------------
mkdir -p "$eclipse"
tar -xzf "$archive" -C "$eclipse"
eclipse_launcher "$eclipse" >/dev/null || die "the archive holds no Eclipse"
if p2_installed_version "$eclipse" io.pvscope.feature.feature.group >/dev/null; then
  die "the Eclipse archive already has PvScope installed"
fi
base_mib=$(mib "$eclipse")
base_bundles=$(ls "$eclipse/plugins" | wc -l)
pass "Eclipse unpacked (${base_mib} MiB, $base_bundles bundles), PvScope not in it"

# --- 2. install from the update site, headless -----------------------------------------------------------
start=$(now)
p2_install "$eclipse" "$site" io.pvscope.feature.feature.group > "$work/director-install.log" 2>&1 \
  || die "p2 director install failed: $(tail -20 "$work/director-install.log")"
install_s=$(since "$start")
v1=$(p2_installed_version "$eclipse" io.pvscope.feature.feature.group) \
  || die "the director succeeded but io.pvscope.feature is not an installed root"
pass "installed io.pvscope.feature $v1 with the p2 director in ${install_s}s"
installed_mib=$(mib "$eclipse")
installed_bundles=$(ls "$eclipse/plugins" | wc -l)

# --- the IDE, started and asked through its OSGi console ---------------------------------------------------
# Gogo on the IDE's standard input (a FIFO); answers land in the IDE's log between markers.
ide_pid=
ide_log=
console_fd=
start_ide() { # $1: a name for the run
  local name=$1 launcher
  launcher=$(eclipse_launcher "$eclipse")
  ide_log="$work/ide-$name.log"
  rm -f "$work/console"
  mkfifo "$work/console"
  exec {console_fd}<>"$work/console"
  # -D before -jar: the plug-in adds and connects this target, as the quick start does.
  "$java" -Dpvscope.target="127.0.0.1:$port" -Xmx1g -jar "$launcher" -nosplash -consoleLog \
    -data "$work/workspace-$name" -perspective io.pvscope.ui.perspective -console \
    <&"$console_fd" > "$ide_log" 2>&1 &
  ide_pid=$!
  pids+=("$ide_pid")
}
ask() { # Sends gogo commands, prints what the console answered. Runs in $(...): no state survives it.
  local marker
  marker=$(date +%s%N)
  local begin="@@begin-$marker" end="@@end-$marker"
  printf 'echo %s\n%s\necho %s\n' "$begin" "$1" "$end" >&"$console_fd"
  for _ in $(seq 100); do
    grep -q "^$end\$\|[^-]$end\$" "$ide_log" 2>/dev/null && break
    kill -0 "$ide_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  sed -n "/$begin\$/,/$end\$/p" "$ide_log" | sed '1d;$d'
}
stop_ide() {
  kill "$ide_pid" 2>/dev/null || true
  for _ in $(seq 150); do kill -0 "$ide_pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$ide_pid" 2>/dev/null || true
  wait "$ide_pid" 2>/dev/null || true
  exec {console_fd}>&-
}

# The workbench model's parts, one per line (CompatibilityPart names the view class it created).
model_query='wb = ($.context service ($.context getServiceReference org.eclipse.e4.ui.workbench.IWorkbench)) ; each (((($wb application) children) get 0) sharedElements) { echo ($it toString) }'
views=(io.pvscope.ui.views.targets io.pvscope.ui.views.deviceTree)

check_ide() { # $1: run name, $2: expected version of our bundles; $3: screenshot file or empty
  local name=$1 version=$2 shot=$3 start states parts view bundle hexport ok
  start=$(now)
  start_ide "$name"
  # Wait until both PvScope views exist in the workbench, or the IDE gives up.
  parts=
  for _ in $(seq 90); do
    kill -0 "$ide_pid" 2>/dev/null || break
    parts=$(ask "$model_query" 2>/dev/null || true)
    ok=1
    for view in "${views[@]}"; do
      grep -q "partId=$view,.*legacyPart=class io\.pvscope\." <<<"$parts" || ok=
    done
    [ -n "$ok" ] && break
    sleep 1
  done
  kill -0 "$ide_pid" 2>/dev/null || { tail -40 "$ide_log"; die "[$name] the IDE exited"; }
  local open_s
  open_s=$(since "$start")
  # The p2 UI is there to install and update from (Help > Install New Software / Check for Updates).
  local commands
  commands=$(ask '(($wb application) commands)' || true)
  for command in org.eclipse.equinox.p2.ui.sdk.install org.eclipse.equinox.p2.ui.sdk.update; do
    grep -q "$command=" <<<"$commands" \
      && pass "[$name] p2 UI command $command present" || fail "[$name] no p2 UI command $command"
  done
  for view in "${views[@]}"; do
    local line
    line=$(grep "partId=$view," <<<"$parts" || true)
    if [ -z "$line" ]; then
      fail "[$name] view $view is not in the workbench"
    elif grep -q "widget: null" <<<"$line" || ! grep -q "legacyPart=class io\.pvscope\." <<<"$line"; then
      fail "[$name] view $view did not open: $(cut -c1-400 <<<"$line")"
    else
      pass "[$name] view $view open ($(sed -n 's/.*legacyPart=class \([^],]*\).*/\1/p' <<<"$line"))"
    fi
  done
  echo "install-test: [$name] workbench with the PvScope views up ${open_s}s after launch"

  # Every bundle resolved (INSTALLED means unresolved), ours active at the version p2 installed.
  states=$(ask "ss")
  echo "$states" > "$work/bundles-$name.txt"
  local unresolved
  unresolved=$(grep -E '^[0-9]+[[:space:]]+INSTALLED' <<<"$states" || true)
  [ -z "$unresolved" ] && pass "[$name] all $(grep -cE '^[0-9]+[[:space:]]' <<<"$states") bundles resolved" \
    || fail "[$name] unresolved bundles: $unresolved"
  for bundle in io.pvscope.core io.pvscope.ui; do
    grep -qE "^[0-9]+[[:space:]]+ACTIVE[[:space:]]+${bundle}_${version}\$" <<<"$states" \
      && pass "[$name] $bundle ${version} ACTIVE" \
      || fail "[$name] $bundle is not ACTIVE at $version: $(grep -E "[[:space:]]${bundle}_" <<<"$states" || echo absent)"
  done
  for bundle in io.pvscope.debug.ui io.pvscope.proto com.google.protobuf wrapped.io.grpc.grpc-netty-shaded wrapped.io.grpc.grpc-api; do
    grep -qE "^[0-9]+[[:space:]]+(RESOLVED|ACTIVE|STARTING)[[:space:]]+${bundle}_" <<<"$states" \
      && pass "[$name] $bundle resolved" || fail "[$name] $bundle is not resolved"
  done

  # The plug-in connected to the agent: an established TCP connection to its port (state 01).
  hexport=$(printf '%04X' "$port")
  ok=
  for _ in $(seq 100); do
    # Java's sockets are dual-stack: the connection is in tcp6 unless IPv6 is off.
    if { cat /proc/net/tcp; cat /proc/net/tcp6 2>/dev/null || true; } \
         | awk -v p=":$hexport" '$3 ~ p"$" && $4 == "01" { found = 1 } END { exit !found }'; then
      ok=1; break
    fi
    sleep 0.1
  done
  [ -n "$ok" ] && pass "[$name] the IDE holds a connection to the agent" \
    || fail "[$name] the IDE never connected to the agent on port $port"

  if [ -n "$shot" ]; then
    sleep 3 # the Device Tree fills in a background job
    import -window root -trim +repage "$shot" 2>"$work/import.err" \
      && [ "$(stat -c %s "$shot")" -gt 10000 ] \
      && pass "[$name] screenshot $(basename "$shot") ($(identify -format '%wx%h' "$shot" 2>/dev/null))" \
      || fail "[$name] no screenshot: $(cat "$work/import.err")"
  fi

  stop_ide
  # The workspace log: no error from our bundles or the libraries they bring.
  local log="$work/workspace-$name/.metadata/.log" errors
  errors=$(awk '/^!ENTRY/ { e = ($3 == 4) } e' "$log" 2>/dev/null | grep -E 'io\.pvscope|io\.grpc|com\.google' || true)
  [ -z "$errors" ] && pass "[$name] no errors from PvScope in the workspace log" \
    || fail "[$name] errors in the workspace log: $(head -20 <<<"$errors")"
  eval "${name}_open_s=$open_s"
}

version_of() { # the version of bundle $1 in the installed Eclipse
  sed -n "s/^$1,\([^,]*\),.*/\1/p" "$eclipse/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"
}

v1_ui=$(version_of io.pvscope.ui)
[ -n "$v1_ui" ] || die "io.pvscope.ui is not in the Eclipse's bundles.info"
check_ide first "$v1_ui" "$screenshot"

# --- 3. the p2 update path: a later build of the site installed over the first -----------------------------
"$java" "$here/Requalify.java" "$site" "$work/site-next.zip" io.pvscope next > "$work/requalify.log"
start=$(now)
p2_install "$eclipse" "$work/site-next.zip" io.pvscope.feature.feature.group > "$work/director-update.log" 2>&1 \
  || die "p2 director update failed: $(tail -20 "$work/director-update.log")"
update_s=$(since "$start")
v2=$(p2_installed_version "$eclipse" io.pvscope.feature.feature.group) || die "no io.pvscope.feature after the update"
[ "$v2" = "$v1-next" ] && pass "updated io.pvscope.feature $v1 -> $v2 in ${update_s}s" \
  || fail "after the update p2 reports io.pvscope.feature $v2, expected $v1-next"
v2_ui=$(version_of io.pvscope.ui)
[ "$v2_ui" = "$v1_ui-next" ] && pass "bundles.info runs io.pvscope.ui $v2_ui" \
  || fail "bundles.info runs io.pvscope.ui $v2_ui, expected $v1_ui-next"
check_ide updated "$v2_ui" ""

cat > "$report" <<EOF
update site zip:                 $(( $(stat -c %s "$site") / 1024 / 1024 )) MiB ($(stat -c %s "$site") bytes)
Eclipse archive (tar.gz):        $(( $(stat -c %s "$archive") / 1024 / 1024 )) MiB
Eclipse materialised:            ${base_mib} MiB, $base_bundles bundles
Eclipse with PvScope installed:  ${installed_mib} MiB, $installed_bundles bundles
p2 director install:             ${install_s} s ($v1)
p2 director update:              ${update_s} s ($v2)
IDE launch to PvScope views:     ${first_open_s} s (first), ${updated_open_s} s (after the update)
EOF
sed 's/^/install-test: /' "$report"
summary
[ "$failed" -eq 0 ]
