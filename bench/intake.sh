#!/usr/bin/env bash
# Intake of point-of-sale orders: sustained and a spike.
#
# Builds the jar, starts Concierge on a fresh embedded PostgreSQL (no demo data) with a till
# channel, then runs bench/IntakeLoad.java, Concierge's own load tool, from a separate JVM:
# CONNECTIONS clients for DURATION seconds (sustained), then SPIKE clients (the spike,
# against a backlog limit of BACKLOG). After each, it waits for the queue to empty and
# reports how fast it was worked off and whether every 202 became exactly one order.
#
#   bench/intake.sh
#   CONNECTIONS=20 SPIKE=200 bench/intake.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

CONNECTIONS=${CONNECTIONS:-10}
SPIKE=${SPIKE:-100}
DURATION=${DURATION:-20}
BACKLOG=${BACKLOG:-5000}
WORKERS=${WORKERS:-2}
PORT=${PORT:-8098}
DATA=target/bench-intake-postgres
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
PSQL=${PSQL:-$(ls /usr/lib/postgresql/*/bin/psql | tail -n 1)}

[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -DskipTests -Dspring-javaformat.skip=true package
rm -rf "$DATA" "$DATA-search"
"$JAVA_HOME/bin/java" -Xmx1g ${APP_OPTS:-} -jar target/concierge-*.jar --server.port="$PORT" \
  --concierge.database.embedded.data-directory="$DATA" --concierge.search.index-directory="$DATA-search" \
  --concierge.demo.enabled=false --concierge.intake.workers="$WORKERS" \
  --concierge.intake.channels.till.secret=bench-secret --concierge.intake.channels.till.max-backlog="$BACKLOG" \
  > target/bench-intake-app.log 2>&1 &
app=$!
trap stop_server EXIT
until curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null; do
  kill -0 $app 2> /dev/null || { tail -n 40 target/bench-intake-app.log; exit 1; }
  sleep 1
done
db=$(grep -o 'listens on port [0-9]*' target/bench-intake-app.log | grep -o '[0-9]*$')
sql() { PGPASSWORD=$(cat "$DATA.password") "$PSQL" -qtA -h localhost -p "$db" -U postgres postgres -c "$1"; }

drain() { # waits until nothing is waiting; prints the seconds it took
  local started; started=$(date +%s.%N)
  until [ "$(sql "select count(*) from intake_submission where state = 'RECEIVED'")" = 0 ]; do sleep 0.2; done
  echo "$(date +%s.%N) - $started" | bc
}

report() { # label, clients
  local before after out waited processed accepted
  before=$(sql "select count(*) from intake_submission")
  out=$("$JAVA_HOME/bin/java" bench/IntakeLoad.java "http://localhost:$PORT/api/intake/till" bench-secret "$2" "$DURATION")
  waited=$(drain)
  after=$(sql "select count(*) from intake_submission")
  accepted=$(grep -o '202=[0-9]*' <<< "$out" | cut -d= -f2)
  processed=$(sql "select count(*) from intake_submission s join customer_order o on o.number = s.order_number where s.state = 'ACCEPTED'")
  echo "| $1 | $2 | $out | stored $(( after - before )) for ${accepted:-0} answered 202; queue empty ${waited} s after the load; orders for all accepted submissions so far: $processed |"
}

echo "| run | clients | load tool's figures | afterwards |"
echo "|---|---|---|---|"
"$JAVA_HOME/bin/java" bench/IntakeLoad.java "http://localhost:$PORT/api/intake/till" bench-secret "$CONNECTIONS" 5 > /dev/null
drain > /dev/null
report "sustained" "$CONNECTIONS"
report "spike" "$SPIKE"
sql "select state, count(*) from intake_submission group by state order by state" | sed 's/^/    /' >&2
