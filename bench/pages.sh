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
trap 'kill $app 2>/dev/null || true; rm -rf "$work"' EXIT
started=$(date +%s%N)
until curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null; do
  kill -0 $app 2> /dev/null || { tail -n 40 target/bench-pages.log >&2; exit 1; }
  sleep 0.2
done
echo "ready after $(( ($(date +%s%N) - started) / 1000000 )) ms" >&2

# sign in as the demo customer, the way a browser does: CSRF token from the page, then the form
read -r _ email password _ < <(grep '^CUSTOMER' "$DATA-logins.properties" | grep -v nordwind)
csrf=$(curl -s -c "$work/jar" -b "$work/jar" "localhost:$PORT/login" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | cut -d'"' -f4)
curl -s -o /dev/null -c "$work/jar" -b "$work/jar" --data-urlencode "email=$email" --data-urlencode "password=$password" \
  --data-urlencode "_csrf=$csrf" "localhost:$PORT/login"
session=$(awk '$6 == "CONCIERGE_SESSION" { print $7 }' "$work/jar")
[ -n "$session" ] || { echo "could not sign in as $email" >&2; exit 1; }
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

ms() { # wrk's 11.74ms, 1.01s, 850.00us, 2.00m in milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    printf "%.2f", (u == "us") ? n / 1000 : (u == "s") ? n * 1000 : (u == "m") ? n * 60000 : n }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

run() { # name, path, connections[, lua script for the guest]
  local threads=$(( $3 < 2 ? $3 : 2 )) cookie="Cookie: CONCIERGE_SESSION=$session" script=()
  if [ -n "${4:-}" ]; then cookie="X-Bench: guest"; script=(-s "$4"); fi
  wrk -t"$threads" -c"$3" -d"$WARMUP" "${script[@]}" -H "$cookie" "http://localhost:$PORT$2" > /dev/null
  : > "$work/runs"
  for _ in $(seq "$RUNS"); do
    local out times
    out=$( { TIMEFORMAT='%U %S %R'; time wrk -t"$threads" -c"$3" -d"$DURATION" --latency "${script[@]}" -H "$cookie" \
      "http://localhost:$PORT$2" 2>&1; } 2>&1)
    times=$(tail -n 1 <<< "$out")
    echo "$(awk '/Requests\/sec/ { print $2 }' <<< "$out") $(ms "$(awk '$1 == "50%" { print $2 }' <<< "$out")")" \
      "$(ms "$(awk '$1 == "99%" { print $2 }' <<< "$out")")" "$(ms "$(awk '$1 == "Latency" { print $4 }' <<< "$out")")" \
      "$(awk '/Non-2xx/ { print $5 }' <<< "$out" | grep . || echo 0)" \
      "$(awk '/timeout/ { print $NF }' <<< "$out" | grep . || echo 0)" \
      "$(awk '{ printf "%.0f", ($1 + $2) / $3 * 100 }' <<< "$times")" >> "$work/runs"
  done
  local rps
  rps=$(cut -d' ' -f1 "$work/runs" | median)
  printf '| %s | %s | %.0f (%.0f–%.0f) | %.2f ms | %.2f ms | %.0f ms | %s | %s%% |\n' "$1" "$3" "$rps" \
    "$(cut -d' ' -f1 "$work/runs" | sort -g | head -n 1)" "$(cut -d' ' -f1 "$work/runs" | sort -g | tail -n 1)" \
    "$(cut -d' ' -f2 "$work/runs" | median)" "$(cut -d' ' -f3 "$work/runs" | median)" \
    "$(cut -d' ' -f4 "$work/runs" | sort -g | tail -n 1)" \
    "$(awk '{ e += $5 + $6 } END { print e }' "$work/runs")" "$(cut -d' ' -f7 "$work/runs" | median)"
}

echo "| scenario | connections | requests/s, median (min–max) | p50 | p99 | slowest | non-2xx or timeouts | wrk's CPU |"
echo "|---|---|---|---|---|---|---|---|"
for connections in $CONNECTIONS; do
  run "order list, first page" "/orders" "$connections"
  run "order list, delivered" "/orders?status=DELIVERED" "$connections"
  [ -z "$cursor" ] || run "order list, deep page" "/orders?after=$cursor" "$connections"
  run "order page" "/orders/$order" "$connections"
  run "orders API, first page" "/api/orders" "$connections"
  run "orders API, one order" "/api/orders/$order" "$connections"
  run "guest status page" "/track" "$connections" "$work/guest.lua"
done
echo "RSS of the server after the runs: $(( $(awk '/VmRSS/ { print $2 }' /proc/$app/status) / 1024 )) MB" >&2
echo
echo "$RUNS runs of $DURATION each after a $WARMUP warm-up; p50 and p99 are the runs' medians, slowest the slowest request of any run. wrk's CPU is of one core (200 % is both). The server's resident memory after the runs: $(( $(awk '/VmRSS/ { print $2 }' /proc/$app/status) / 1024 )) MB."
