# Shared set-up for the top-level commands: a JDK that runs the build, system packages when missing.

# The reactor runs on Java 21+ (Tycho and current Eclipse bundles); the agent itself targets Java 17.
pick_build_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-2[1-9]* \
                   /usr/lib/jvm/java-2[1-9]-openjdk-*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    local feature
    feature=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = //p')
    if [ "${feature:-0}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "error: the build needs a JDK 21 or newer (Temurin 25 recommended); set JAVA_HOME to it" >&2
  return 1
}

# Installs the Debian packages named, if any is missing. Needs root (or sudo) only when something is missing.
ensure_packages() {
  local missing=()
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# What the UI tests and the IDE need to run under a virtual display.
UI_PACKAGES=(xvfb xauth libgtk-3-0 libxtst6 dbus-x11 imagemagick)

# The real peers the agent's stores are tested against (xenstored, hv_kvp_daemon, vmware-rpctool) and what
# builds the test shims (gcc, kernel headers) and isolates the daemons (unshare, mount). The UI tests use
# xenstored, its shim and xenstore-utils too (the Key/Value view on a real XenStore).
AGENT_TEST_PACKAGES=(gcc libc6-dev linux-libc-dev util-linux xen-utils-4.17 xen-utils-common xenstore-utils
                     hyperv-daemons open-vm-tools)

# What boots a real guest with Debian's stock kernel under QEMU for the agent's guest tests (*IT).
GUEST_TEST_PACKAGES=(qemu-system-x86 linux-image-amd64 busybox-static cpio kmod)

# What checks the agent's .deb: systemd-analyze verifies its unit.
PACKAGING_CHECK_PACKAGES=(systemd)
