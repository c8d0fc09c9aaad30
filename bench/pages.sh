#!/usr/bin/env bash
# The signed-in customer's order list and order page, as pages and as JSON, and the
# guest's status page.
#
# Builds the jar (SKIP_BUILD=1 to reuse it), starts Concierge on its own embedded
# PostgreSQL with the demo data (the demo customer's 30 orders and CUSTOMER_ORDERS more,
# the demo company's 5,000 and ORDERS more), signs in as the demo customer, warms each path
# up and runs wrk against it RUNS times at each number of CONNECTIONS. Prints a Markdown
# table: the median of the runs and their spread, and wrk's own CPU, since wrk shares the
# machine's cores with the server and PostgreSQL.
#
#   bench/pages.sh                                   # 1, 10 and 50 connections, 3 runs of 10 s
#   CONNECTIONS="10" RUNS=1 DURATION=30s bench/pages.sh
#   ORDERS=1000000 CUSTOMER_ORDERS=1000 DATA=target/bench-postgres bench/pages.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

CONNECTIONS=${CONNECTIONS:-"1 10 50"}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
RUNS=${RUNS:-3}
ORDERS=${ORDERS:-0}
CUSTOMER_ORDERS=${CUSTOMER_ORDERS:-0}
PORT=${PORT:-8098}
DATA=${DATA:-target/bench-pages-postgres}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME

[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -DskipTests -Dspring-javaformat.skip=true package
"$JAVA_HOME/bin/java" ${JAVA_OPTS:--Xmx512m} -jar target/concierge-*.jar --server.port="$PORT" \
  --concierge.database.embedded.data-directory="$DATA" --concierge.search.index-directory="$DATA-search" \
  --concierge.demo.bench-orders="$ORDERS" --concierge.demo.bench-customer-orders="$CUSTOMER_ORDERS" \
  --concierge.orders.guest-tracking.tries=1000000000 \
  --concierge.demo.simulator.enabled=false --concierge.demo.logins-file="$DATA-logins.properties" \
  --server.servlet.session.cookie.secure=false > target/bench-pages.log 2>&1 &
app=$!
work=$(mktemp -d)
trap 'stop_server; rm -rf "$work"' EXIT
ready $app target/bench-pages.log
settled target/bench-pages.log
read -r _ email password _ < <(grep '^CUSTOMER' "$DATA-logins.properties" | grep -v nordwind)
session=$(sign_in "$email" "$password")
api() { curl -sf -b "CONCIERGE_SESSION=$session" "localhost:$PORT$1"; }
order=$(api "/api/orders?size=1" | grep -o '"number":"[^"]*"' | head -n 1 | cut -d'"' -f4)
[ -n "$order" ] || { echo "the customer has no orders" >&2; exit 1; }
echo "the customer has $(api "/api/orders?size=1" | grep -o '"matching":[0-9]*' | cut -d: -f2) orders" >&2

# a deep page: the cursor after the first 800 orders, or as deep as the customer's orders go
cursor=""
for _ in 1 2 3 4 5 6 7 8; do
  next=$(api "/api/orders?size=100${cursor:+&after=$cursor}" | grep -o '"next":"[^"]*"' | cut -d'"' -f4 || true)
  [ -n "$next" ] || break
  cursor=$next
done

# the guest's status page: an anonymous session with its CSRF token, posting the number and email
guest_csrf=$(curl -s -c "$work/guest" -b "$work/guest" "localhost:$PORT/track" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | cut -d'"' -f4)
guest_session=$(awk '$6 == "CONCIERGE_SESSION" { print $7 }' "$work/guest")
cat > "$work/guest.lua" << EOF
wrk.method = "POST"
wrk.body = "number=$order&proof=$email&_csrf=$guest_csrf"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "CONCIERGE_SESSION=$guest_session"
EOF
curl -s -b "CONCIERGE_SESSION=$guest_session" --data-urlencode "number=$order" --data-urlencode "proof=$email" \
  --data-urlencode "_csrf=$guest_csrf" "localhost:$PORT/track" | grep -q 'class="status' \
  || { echo "the guest status page did not find order $order" >&2; exit 1; }

echo "| scenario $MEASURED_HEADER"
echo "|---|---|---|---|---|---|---|---|"
# every path warmed once before any is measured, so the first measured is not the JIT's test
for path in /orders "/orders?status=DELIVERED" "/orders/$order" /api/orders "/api/orders/$order"; do
  wrk -t2 -c10 -d"$WARMUP" -H "Cookie: CONCIERGE_SESSION=$session" "http://localhost:$PORT$path" > /dev/null
done
for connections in $CONNECTIONS; do
  measure "order list, first page" "/orders" "$connections"
  measure "order list, delivered" "/orders?status=DELIVERED" "$connections"
  [ -z "$cursor" ] || measure "order list, deep page" "/orders?after=$cursor" "$connections"
  measure "order page" "/orders/$order" "$connections"
  measure "orders API, first page" "/api/orders" "$connections"
  measure "orders API, one order" "/api/orders/$order" "$connections"
  measure "guest status page" "/track" "$connections" "$work/guest.lua"
done
echo
echo "$RUNS runs of $DURATION each after a $WARMUP warm-up; p50 and p99 are the runs' medians, slowest the slowest request of any run. wrk's CPU is of one core (200 % is both). The server's resident memory after the runs: $(( $(awk '/VmRSS/ { print $2 }' /proc/$app/status) / 1024 )) MB."
