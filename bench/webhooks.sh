#!/usr/bin/env bash
# Carrier webhook ingest: signed EasyPost tracker events for parcels Concierge knows.
#
# Builds the jar, starts Concierge on a fresh embedded PostgreSQL with ORDERS generated
# orders (their parcels have tracking numbers), takes the tracking numbers of PARCELS of
# them and runs bench/IntakeLoad.java in webhook mode from a separate JVM: CONNECTIONS
# clients for DURATION seconds, each event a new scan of one parcel (stored, the parcel's
# stage and lines moved, the order page told). Checks afterwards that every 200 stored
# its scan.
#
#   bench/webhooks.sh
#   CONNECTIONS=20 bench/webhooks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

ORDERS=${ORDERS:-20000}
PARCELS=${PARCELS:-5000}
CONNECTIONS=${CONNECTIONS:-10}
DURATION=${DURATION:-20}
PORT=${PORT:-8099}
DATA=target/bench-webhooks-postgres
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
PSQL=${PSQL:-$(ls /usr/lib/postgresql/*/bin/psql | tail -n 1)}

[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -DskipTests -Dspring-javaformat.skip=true package
rm -rf "$DATA" "$DATA-search"
"$JAVA_HOME/bin/java" -Xmx1g -jar target/concierge-*.jar --server.port="$PORT" \
  --concierge.database.embedded.data-directory="$DATA" --concierge.search.index-directory="$DATA-search" \
  --concierge.demo.bench-orders="$ORDERS" --concierge.demo.simulator.enabled=false \
  --concierge.tracking.webhooks.easypost=bench-secret > target/bench-webhooks-app.log 2>&1 &
app=$!
trap stop_server EXIT
until curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null; do
  kill -0 $app 2> /dev/null || { tail -n 40 target/bench-webhooks-app.log; exit 1; }
  sleep 1
done
until grep -q "Order search index ready" target/bench-webhooks-app.log; do sleep 1; done
db=$(grep -o 'listens on port [0-9]*' target/bench-webhooks-app.log | grep -o '[0-9]*$')
sql() { PGPASSWORD=$(cat "$DATA.password") "$PSQL" -qtA -h localhost -p "$db" -U postgres postgres -c "$1"; }

sql "select tracking_number from shipment where tracking_number is not null and stage is null limit $PARCELS" \
  > target/bench-parcels.txt
before=$(sql "select count(*) from shipment_checkpoint")
# warm up, then measure
"$JAVA_HOME/bin/java" bench/IntakeLoad.java "http://localhost:$PORT/api/webhooks/easypost" bench-secret "$CONNECTIONS" 5 \
  target/bench-parcels.txt > /dev/null
warm=$(sql "select count(*) from shipment_checkpoint")
out=$("$JAVA_HOME/bin/java" bench/IntakeLoad.java "http://localhost:$PORT/api/webhooks/easypost" bench-secret \
  "$CONNECTIONS" "$DURATION" target/bench-parcels.txt)
after=$(sql "select count(*) from shipment_checkpoint")
echo "| parcels | clients | load tool's figures | afterwards |"
echo "|---|---|---|---|"
echo "| $(wc -l < target/bench-parcels.txt) | $CONNECTIONS | $out | scans stored in the measured run: $(( after - warm )) (warm-up: $(( warm - before ))) |"
