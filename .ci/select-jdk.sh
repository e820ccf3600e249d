# shellcheck shell=bash
# Selects a JDK 21 or newer for the build and exports JAVA_HOME and PATH. Source it:
#
#   source .ci/select-jdk.sh
#
# Order: JAVA_HOME when it already points at a JDK >= 21; otherwise the newest JDK >= 21 found under
# /usr/lib/jvm (Linux) or /Library/Java/JavaVirtualMachines (macOS), or under the space-separated folders in
# TOLLGATE_JDK_DIRS when set; last, the `java` on PATH when it is a JDK >= 21. When none is found it prints what
# it looked at and returns (or exits) 1. Set TOLLGATE_JDK_VERBOSE=1 to see the choice.

_tollgate_java_major() { # prints the feature version of the java binary given ("25", "17", "1" for 1.8), or nothing
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1 || true
}

_tollgate_select_jdk() {
  local dirs candidate home major best="" best_major=0 looked=""
  if [ -n "${JAVA_HOME:-}" ]; then
    if [ -x "$JAVA_HOME/bin/javac" ] && [ -x "$JAVA_HOME/bin/java" ]; then
      major=$(_tollgate_java_major "$JAVA_HOME/bin/java")
      if [ -n "$major" ] && [ "$major" -ge 21 ]; then
        [ "${TOLLGATE_JDK_VERBOSE:-0}" = 1 ] && echo "select-jdk: keeping JAVA_HOME=$JAVA_HOME (Java $major)" >&2
        return 0
      fi
      looked="$looked  JAVA_HOME=$JAVA_HOME: Java ${major:-?}"$'\n'
    else
      looked="$looked  JAVA_HOME=$JAVA_HOME: not a JDK (no bin/javac)"$'\n'
    fi
  fi
  dirs=${TOLLGATE_JDK_DIRS:-/usr/lib/jvm /Library/Java/JavaVirtualMachines}
  for candidate in $(for d in $dirs; do ls -d "$d"/* 2>/dev/null; done); do
    home=$candidate
    [ -d "$home/Contents/Home" ] && home="$home/Contents/Home" # macOS bundle layout
    if [ ! -x "$home/bin/javac" ] || [ ! -x "$home/bin/java" ]; then
      looked="$looked  $home: not a JDK (no bin/javac)"$'\n'
      continue
    fi
    major=$(_tollgate_java_major "$home/bin/java")
    looked="$looked  $home: Java ${major:-?}"$'\n'
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$home"
      best_major="$major"
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1 && command -v java >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)" 2>/dev/null || command -v javac)")")
    major=$(_tollgate_java_major "$home/bin/java")
    looked="$looked  java on PATH ($home): Java ${major:-?}"$'\n'
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      best="$home"
      best_major="$major"
    fi
  fi
  if [ -z "$best" ]; then
    {
      echo "ERROR: Tollgate needs a JDK 21 or newer (25 preferred), and none was found."
      echo "Looked at (JAVA_HOME, then every folder under: $dirs, then the java on PATH):"
      printf '%s' "${looked:-  nothing: no JAVA_HOME, no JDK folders, no java on PATH$'\n'}"
      echo "Install one (for example Debian's openjdk-21-jdk, or a Temurin 21 or 25) and set JAVA_HOME to it."
    } >&2
    return 1
  fi
  [ "${TOLLGATE_JDK_VERBOSE:-0}" = 1 ] && echo "select-jdk: using $best (Java $best_major)" >&2
  export JAVA_HOME="$best"
  return 0
}

if _tollgate_select_jdk; then
  export PATH="$JAVA_HOME/bin:$PATH"
  unset -f _tollgate_select_jdk _tollgate_java_major
else
  unset -f _tollgate_select_jdk _tollgate_java_major
  # shellcheck disable=SC2317 # exit is reached when the file is run instead of sourced
  return 1 2>/dev/null || exit 1
fi
