#!/usr/bin/env bash
# Start-up time and memory, without and with the JDK's AOT cache (JEP 483/514/515).
#
# Builds the jar (SKIP_BUILD=1 to reuse it) and extracts it (the AOT cache applies only to
# the extracted form), seeds a data directory of its own once (embedded PostgreSQL, demo
# data; not measured), does a training run that writes the AOT cache (the context is
# refreshed, then the JVM exits: spring.context.exit=onRefresh), then starts Concierge RUNS
# times without and RUNS times with the cache on that data directory and takes the time
# from launching the JVM until /actuator/health/readiness answers 200 (polled every
# 50 ms), Spring's own "Started … in" and the RSS once ready. After the last start of
# each kind it signs in as the demo customer and loads the order list and an order page
# with wrk for DURATION, and reports the RSS under that load. Prints a Markdown table.
#
#   bench/startup.sh
#   RUNS=5 JAVA_OPTS="-Xmx256m" bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
PORT=${PORT:-8096}
DATA=${DATA:-target/bench-startup-postgres}
APP=${APP:-target/bench-startup-app}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
LOG=target/bench-startup.log

[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -DskipTests -Dspring-javaformat.skip=true package
jar=$(ls target/concierge-*.jar | head -n 1)
rm -rf "$APP"
"$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$APP" > /dev/null
args=(--server.port="$PORT" --concierge.database.embedded.data-directory="$(pwd)/$DATA"
  --concierge.search.index-directory="$(pwd)/$DATA-search" --concierge.demo.simulator.enabled=false
  --concierge.demo.logins-file="$(pwd)/$DATA-logins.properties" --server.servlet.session.cookie.secure=false)

app=
stop() {
  stop_server
  app=
}
trap stop EXIT

start() { # JVM options...; sets app and ready, the milliseconds from launch to ready
  local started; started=$(date +%s%N)
  # from the extracted folder, with the jar named as in the training run: the AOT cache
  # applies only to the same class path
  (cd "$APP" && exec "$JAVA" "$@" -jar "$(basename "$jar")" "${args[@]}") > "$LOG" 2>&1 &
  app=$!
  until curl -sf -o /dev/null "localhost:$PORT/actuator/health/readiness"; do
    kill -0 "$app" 2> /dev/null || { tail -n 40 "$LOG" >&2; exit 1; }
    sleep 0.05
  done
  ready=$(( ($(date +%s%N) - started) / 1000000 ))
}

rss() { echo $(( $(awk '/VmRSS/ { print $2 }' "/proc/$app/status") / 1024 )); }

load() { # signs in as the demo customer and loads two pages with wrk; prints the RSS afterwards
  local session order email password
  read -r _ email password _ < <(grep '^CUSTOMER' "$DATA-logins.properties" | grep -v nordwind)
  session=$(sign_in "$email" "$password")
  order=$(curl -s -b "CONCIERGE_SESSION=$session" "localhost:$PORT/api/orders?size=1" | grep -o '"number":"[^"]*"' | head -n 1 | cut -d'"' -f4)
  wrk -t2 -c20 -d"$DURATION" -H "Cookie: CONCIERGE_SESSION=$session" "http://localhost:$PORT/orders" > /dev/null
  wrk -t2 -c20 -d"$DURATION" -H "Cookie: CONCIERGE_SESSION=$session" "http://localhost:$PORT/orders/$order" > /dev/null
  rss
}

# the data directory and its search index, seeded once
if [ ! -f "$DATA-logins.properties" ]; then
  echo "seeding $DATA" >&2
  start $JAVA_OPTS
  until grep -aq "Order search index ready" "$LOG"; do sleep 0.5; done
  stop
fi

echo "training run for the AOT cache" >&2
rm -f "$APP/app.aot"
(cd "$APP" && "$JAVA" $JAVA_OPTS -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar "$(basename "$jar")" \
  "${args[@]}" > ../bench-startup-training.log 2>&1) || true
# the training run exits before Spring's shutdown handlers stop the embedded PostgreSQL
postmaster() { [ -f "$DATA/postmaster.pid" ] && head -n 1 "$DATA/postmaster.pid"; }
if pg=$(postmaster); then
  kill "$pg" 2> /dev/null || true
  while kill -0 "$pg" 2> /dev/null; do sleep 0.2; done
fi
[ -f "$APP/app.aot" ] || { tail -n 40 target/bench-startup-training.log >&2; echo "no AOT cache written" >&2; exit 1; }
echo "AOT cache: $(( $(stat -c %s "$APP/app.aot") / 1024 / 1024 )) MB" >&2

echo "| JVM | runs | time to ready, median (min–max) | Spring's \"Started … in\", median | RSS when ready, median | RSS after ${DURATION} of wrk on two pages ×2 |"
echo "|---|---|---|---|---|---|"
for mode in without with; do
  opts=($JAVA_OPTS)
  [ "$mode" = with ] && opts+=(-XX:AOTCache="$(pwd)/$APP/app.aot")
  readies=() springs=() rsses=() loaded=
  for run in $(seq 1 "$RUNS"); do
    start "${opts[@]}"
    sleep 0.5
    readies+=("$ready") rsses+=("$(rss)")
    springs+=("$(grep -ao 'Started ConciergeApplication in [0-9.]*' "$LOG" | grep -o '[0-9.]*$')")
    echo "$mode AOT cache, run $run: ready after $ready ms" >&2
    ! grep -aq '\[error *\]\[aot\]' "$LOG" || { grep -a '\]\[aot\]' "$LOG" >&2; echo "the AOT cache was not used" >&2; exit 1; }
    [ "$run" = "$RUNS" ] && loaded=$(load)
    stop
  done
  sorted=$(printf '%s\n' "${readies[@]}" | sort -n)
  echo "| ${JAVA_OPTS} ${mode} AOT cache | $RUNS | $(printf '%s\n' "${readies[@]}" | median) ms ($(head -n 1 <<< "$sorted")–$(tail -n 1 <<< "$sorted") ms) | $(printf '%s\n' "${springs[@]}" | median) s | $(printf '%s\n' "${rsses[@]}" | median) MB | $loaded MB |"
done
