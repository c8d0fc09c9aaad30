#!/usr/bin/env bash
# Order search at a company with a million orders.
#
# Builds the jar, starts Concierge on its embedded PostgreSQL with the demo data plus
# ORDERS generated orders for the demo company (made once per data directory, search index
# beside it: the first run takes minutes), waits for the search index, signs in as the
# company's user and runs wrk against the orders API with a few searches. Prints a
# Markdown table with the median of RUNS runs and their spread.
#
#   bench/search.sh                       # 1,000,000 orders, 10 connections, 3 runs of 10 s each
#   ORDERS=100000 CONNECTIONS=1 bench/search.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

ORDERS=${ORDERS:-1000000}
CONNECTIONS=${CONNECTIONS:-10}
DURATION=${DURATION:-10s}
RUNS=${RUNS:-3}
CUSTOMER_ORDERS=${CUSTOMER_ORDERS:-0}
PORT=${PORT:-8097}
DATA=${DATA:-target/bench-postgres}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME

[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -DskipTests -Dspring-javaformat.skip=true package
"$JAVA_HOME/bin/java" -Xmx1g -jar target/concierge-*.jar --server.port="$PORT" \
  --concierge.database.embedded.data-directory="$DATA" --concierge.search.index-directory="$DATA-search" \
  --concierge.demo.bench-orders="$ORDERS" --concierge.demo.bench-customer-orders="$CUSTOMER_ORDERS" \
  --concierge.demo.simulator.enabled=false --concierge.demo.logins-file="$DATA-logins.properties" \
  --server.servlet.session.cookie.secure=false > target/bench-app.log 2>&1 &
app=$!
trap stop_server EXIT
ready $app target/bench-app.log
settled target/bench-app.log
started=$(date +%s)
until grep -q "Order search index ready" target/bench-app.log; do
  kill -0 $app 2> /dev/null || { tail -n 40 target/bench-app.log; exit 1; }
  sleep 2
done
echo "search index ready $(( $(date +%s) - started )) s later" >&2
read -r _ email password _ < <(grep nordwind "$DATA-logins.properties")
session=$(sign_in "$email" "$password")

run() { # name, path
  measure "$1 (\`$2\`)" "$2" "$CONNECTIONS"
}

orders=$(curl -s -b "CONCIERGE_SESSION=$session" "localhost:$PORT/api/orders?size=1" | grep -o '"matching":[0-9]*')
echo "company orders visible (counted up to 1,000): ${orders#*:}" >&2
echo "| search $MEASURED_HEADER"
echo "|---|---|---|---|---|---|---|---|"
run "first page, newest first" "/api/orders"
run "product, misspelt" "/api/orders?q=santoku%20knfe"
run "product, as typed so far" "/api/orders?q=cast%20ir"
run "product and status" "/api/orders?q=teapot&status=DELIVERED"
run "SKU prefix" "/api/orders?q=KNF-1"
run "purchase order number" "/api/orders?q=PO-4510000000"
run "status and date range" "/api/orders?status=DELAYED&from=2026-10-01&to=2026-11-30"
# a page half a year deep: a cursor is the last order's sort value and id
deep=$(printf '%s|00000000-0000-0000-0000-000000000000' "$(date -u -d '-180 days' +%Y-%m-%dT00:00:00Z)" | base64 -w0 | tr '+/' '-_' | tr -d '=')
run "deep page (keyset cursor)" "/api/orders?sort=OLDEST&after=$deep"
run "deep page of a product search" "/api/orders?q=santoku%20knife&sort=OLDEST&after=$deep"
