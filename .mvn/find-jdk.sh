# Sourced by ./mvnw, ./lookout and .ci/run (POSIX sh): makes JAVA_HOME point at a JDK >= 21.
# Order: $JAVA_HOME, the `java` on PATH, then the newest JDK under /usr/lib/jvm.
# Fails with a clear message when none is found.

lookout_java_major() { # $1 = JDK home; prints its major version or nothing
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1
  fi
}

lookout_select_jdk() {
  lookout_min=21
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$(lookout_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$lookout_min" ]; then export JAVA_HOME; return 0; fi
  fi
  if command -v java >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    v=$(lookout_java_major "$home")
    if [ -n "$v" ] && [ "$v" -ge "$lookout_min" ]; then JAVA_HOME=$home; export JAVA_HOME; return 0; fi
  fi
  best=""; best_v=0
  case $- in *f*) set +f; lookout_noglob=1;; *) lookout_noglob=0;; esac
  for home in /usr/lib/jvm/*; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    v=$(lookout_java_major "$home")
    if [ -n "$v" ] && [ "$v" -ge "$lookout_min" ] && [ "$v" -gt "$best_v" ]; then best=$home; best_v=$v; fi
  done
  [ "$lookout_noglob" = 1 ] && set -f
  if [ -n "$best" ]; then JAVA_HOME=$best; export JAVA_HOME; return 0; fi
  echo "Lookout needs a JDK >= $lookout_min: none found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
  echo "Install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME." >&2
  return 1
}
