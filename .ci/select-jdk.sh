# Selects a JDK 21 or newer for the build. Source it: `source .ci/select-jdk.sh`.
# Keeps JAVA_HOME when it already points at a JDK >= 21; otherwise picks the newest one under /usr/lib/jvm.

_tollgate_java_major() { # prints the major version of the java binary given, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

_tollgate_select_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(_tollgate_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(_tollgate_java_major "$candidate/bin/java")
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "Tollgate needs a JDK 21 or newer. JAVA_HOME='${JAVA_HOME:-}' is older or unset, and none was found" \
         "under /usr/lib/jvm. Install one (for example the Debian package openjdk-21-jdk or a Temurin 21/25)" \
         "and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

_tollgate_select_jdk || { return 1 2>/dev/null || exit 1; }
export PATH="$JAVA_HOME/bin:$PATH"
unset -f _tollgate_select_jdk _tollgate_java_major
