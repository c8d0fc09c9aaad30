#!/usr/bin/env bash
# The signed-in customer's order list and order page, as pages and as JSON.
#
# Builds the jar (SKIP_BUILD=1 to reuse it), starts Concierge on its own embedded
# PostgreSQL with the demo data (the demo customer's 30 orders, the demo company's 5,000;
# ORDERS more for the company), signs in as the demo customer, warms each path up for 5 s
# and runs wrk against it at each number of CONNECTIONS. Prints a Markdown table. wrk
# shares the machine's cores with the server and PostgreSQL.
#
#   bench/pages.sh                              # 1, 10 and 50 connections, 15 s each
#   CONNECTIONS="10" DURATION=30s bench/pages.sh
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS=${CONNECTIONS:-"1 10 50"}
DURATION=${DURATION:-15s}
ORDERS=${ORDERS:-0}
PORT=${PORT:-8098}
DATA=${DATA:-target/bench-pages-postgres}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME

[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -DskipTests -Dspring-javaformat.skip=true package
"$JAVA_HOME/bin/java" ${JAVA_OPTS:--Xmx512m} -jar target/concierge-*.jar --server.port="$PORT" \
  --concierge.database.embedded.data-directory="$DATA" --concierge.search.index-directory="$DATA-search" \
  --concierge.demo.bench-orders="$ORDERS" \
  --concierge.demo.simulator.enabled=false --concierge.demo.logins-file="$DATA-logins.properties" \
  --server.servlet.session.cookie.secure=false > target/bench-pages.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
started=$(date +%s%N)
until curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null; do
  kill -0 $app 2> /dev/null || { tail -n 40 target/bench-pages.log; exit 1; }
  sleep 0.2
done
echo "ready after $(( ($(date +%s%N) - started) / 1000000 )) ms" >&2

# sign in as the demo customer, the way a browser does: CSRF token from the page, then the form
jar=$(mktemp)
read -r _ email password _ < <(grep '^CUSTOMER' "$DATA-logins.properties" | grep -v nordwind)
csrf=$(curl -s -c "$jar" -b "$jar" "localhost:$PORT/login" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | cut -d'"' -f4)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "email=$email" --data-urlencode "password=$password" \
  --data-urlencode "_csrf=$csrf" "localhost:$PORT/login"
session=$(awk '$6 == "CONCIERGE_SESSION" { print $7 }' "$jar")
[ -n "$session" ] || { echo "could not sign in as $email" >&2; exit 1; }
order=$(curl -s -b "CONCIERGE_SESSION=$session" "localhost:$PORT/api/orders?size=1" | grep -o '"number":"[^"]*"' | head -n 1 | cut -d'"' -f4)
[ -n "$order" ] || { echo "the customer has no orders" >&2; exit 1; }

run() { # name, path, connections
  local threads=$(( $3 < 2 ? $3 : 2 ))
  wrk -t"$threads" -c"$3" -d5s -H "Cookie: CONCIERGE_SESSION=$session" "http://localhost:$PORT$2" > /dev/null
  local out; out=$(wrk -t"$threads" -c"$3" -d"$DURATION" --latency -H "Cookie: CONCIERGE_SESSION=$session" "http://localhost:$PORT$2")
  local rps p50 p99 max errors
  rps=$(awk '/Requests\/sec/ { print $2 }' <<< "$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<< "$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<< "$out")
  max=$(awk '$1 == "Latency" { print $4 }' <<< "$out")
  errors=$(awk '/Non-2xx/ { print $5 }' <<< "$out")
  echo "| $1 | $3 | $rps | $p50 | $p99 | $max | ${errors:-0} |"
}

echo "| page | connections | requests/s | p50 | p99 | max | non-2xx |"
echo "|---|---|---|---|---|---|---|"
for connections in $CONNECTIONS; do
  run "order list, first page" "/orders" "$connections"
  run "order list, delivered" "/orders?status=DELIVERED" "$connections"
  run "order page" "/orders/$order" "$connections"
  run "orders API, first page" "/api/orders" "$connections"
  run "orders API, one order" "/api/orders/$order" "$connections"
done
echo "RSS of the server after the runs: $(( $(awk '/VmRSS/ { print $2 }' /proc/$app/status) / 1024 )) MB" >&2
