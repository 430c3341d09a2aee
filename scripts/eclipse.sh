# Installing into an Eclipse with the p2 director, headless. Shared by pvscope-demo and the install test.
# Needs JAVA_HOME (Java 21+). The Eclipse needs no native launcher: the equinox launcher jar starts it.

# The equinox launcher jar of the Eclipse in $1.
eclipse_launcher() {
  local jar
  jar=$(ls "$1"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | sort | tail -1)
  [ -n "$jar" ] || { echo "error: $1 has no plugins/org.eclipse.equinox.launcher_*.jar" >&2; return 1; }
  echo "$jar"
}

# The p2 profile the Eclipse in $1 runs (its config.ini says; DefaultProfile for the one built here).
eclipse_profile() {
  sed -n 's/^eclipse.p2.profile=//p' "$1/configuration/config.ini" 2>/dev/null | head -1 | grep . \
    || echo DefaultProfile
}

# Runs the p2 director on the Eclipse in $1 (as the Eclipse itself, so it edits its own profile).
# Further arguments go to the director. Its output goes to stdout.
p2_director() {
  local eclipse
  eclipse=$(cd "$1" && pwd)
  shift
  "$JAVA_HOME/bin/java" -jar "$(eclipse_launcher "$eclipse")" -nosplash -consoleLog \
    -application org.eclipse.equinox.p2.director \
    -destination "$eclipse" -profile "$(eclipse_profile "$eclipse")" "$@"
}

# The p2 repository URI of a zipped update site.
p2_zip_uri() {
  echo "jar:file:$(cd "$(dirname "$1")" && pwd)/$(basename "$1")!/"
}

# Installs IU $3 from the zipped update site $2 into the Eclipse in $1; when a version of it is installed
# already, replaces it with the newest in the site (the director's way to update a root).
p2_install() {
  local eclipse=$1 zip=$2 iu=$3
  if p2_installed_version "$eclipse" "$iu" >/dev/null; then
    p2_director "$eclipse" -repository "$(p2_zip_uri "$zip")" -uninstallIU "$iu" -installIU "$iu"
  else
    p2_director "$eclipse" -repository "$(p2_zip_uri "$zip")" -installIU "$iu"
  fi
}

# Prints the installed version of root IU $2 in the Eclipse in $1; fails when it is not installed.
p2_installed_version() {
  p2_director "$1" -listInstalledRoots 2>/dev/null | sed -n "s#^$2/##p" | grep .
}
