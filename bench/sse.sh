#!/usr/bin/env bash
# The order page's live updates at scale: many open event streams on one node, and how long
# a fulfilment event takes to reach each of them.
#
# Builds the jar (SKIP_BUILD=1 to reuse it), starts Concierge on its own embedded
# PostgreSQL with the demo data, signs in as the demo customer, gives the bench an API key
# with the fulfilment scope (straight into the database, as an administrator would make
# one), picks ORDERS of the customer's orders that are not shipped yet and runs
# bench/SseLoad.java from a separate JVM: CONNECTIONS streams of those orders' pages,
# held, then EVENTS fulfilment events, one every INTERVAL ms, each timed from its post to
# its arrival on every stream of its order. Prints a Markdown table. The load tool
# shares the machine's cores with the server and PostgreSQL.
#
# The server gets a 2 GB heap: an open stream is an async request that keeps Tomcat's
# request and response buffers, about 100 KB of heap each, so the 512 MB heap of the page
# benches holds about 3,500 streams and then collects garbage without end.
#
#   bench/sse.sh                                   # 10,000 streams of one order, 20 events
#   CONNECTIONS=2000 ORDERS=3 EVENTS=10 bench/sse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

CONNECTIONS=${CONNECTIONS:-10000}
ORDERS=${ORDERS:-1}
EVENTS=${EVENTS:-20}
INTERVAL=${INTERVAL:-500}
PORT=${PORT:-8097}
DATA=${DATA:-target/bench-sse-postgres}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
PSQL=${PSQL:-$(ls /usr/lib/postgresql/*/bin/psql | tail -n 1)}
LOG=target/bench-sse.log

# every stream is a file descriptor in the server and one in the load tool
ulimit -n "$(ulimit -Hn)"
echo "open files per process: $(ulimit -n); local ports: $(tr '\t' '-' < /proc/sys/net/ipv4/ip_local_port_range)" >&2

[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -DskipTests -Dspring-javaformat.skip=true package
"$JAVA_HOME/bin/java" ${JAVA_OPTS:--Xmx2g} -jar target/concierge-*.jar --server.port="$PORT" \
  --concierge.database.embedded.data-directory="$DATA" --concierge.search.index-directory="$DATA-search" \
  --concierge.demo.simulator.enabled=false --concierge.demo.logins-file="$DATA-logins.properties" \
  --server.servlet.session.cookie.secure=false > "$LOG" 2>&1 &
app=$!
trap stop_server EXIT
ready $app "$LOG"
db=$(grep -o 'listens on port [0-9]*' "$LOG" | tail -n 1 | grep -o '[0-9]*$')
sql() { PGPASSWORD=$(cat "$DATA.password") "$PSQL" -qtA -h localhost -p "$db" -U postgres postgres -c "$1"; }

read -r _ email password _ < <(grep '^CUSTOMER' "$DATA-logins.properties" | grep -v nordwind)
session=$(sign_in "$email" "$password")

# an API key of its own for each run; only its hash is stored, as ApiKeys does
key="ck_bench$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
sql "insert into api_key (id, name, prefix, key_hash, scopes, created_at, created_by)
     values (gen_random_uuid(), 'Bench warehouse', '${key:0:10}', '$(printf %s "$key" | sha256sum | cut -d' ' -f1)',
             'fulfilment', now(), 'bench')" > /dev/null

# orders every measured event moves: nothing shipped, cancelled or returned yet
orders=$(sql "select o.number from customer_order o join account a on a.id = o.account_id
  where a.email = '$email' and not exists (select 1 from order_line l where l.order_id = o.id
    and (l.status in ('CANCELLED', 'RETURNED') or l.stage in ('SHIPPED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED')))
  order by o.number limit $ORDERS" | paste -sd,)
[ -n "$orders" ] || { echo "the customer has no order that is not shipped yet" >&2; exit 1; }
echo "streams of $orders" >&2

out=$("$JAVA_HOME/bin/java" -Xss256k bench/SseLoad.java "http://localhost:$PORT" "$session" "$key" "$orders" \
  "$CONNECTIONS" "$EVENTS" "$INTERVAL" "$app")
echo "$out" >&2
field() { grep -o "\b$1=[^ ]*" <<< "$out" | cut -d= -f2-; }
sql "update api_key set revoked_at = now() where key_hash = '$(printf %s "$key" | sha256sum | cut -d' ' -f1)'" > /dev/null

echo "| streams asked for | opened | failed | still open at the end | opening took | orders | events | delivered / expected | p50 | p99 | max | server RSS / threads, streams held | after the events |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
echo "| $CONNECTIONS | $(field opened) | $(field failed) | $(field held) | $(field open_s) s | $ORDERS | $(field events) ($(field answers)) | $(field delivered) / $(field expected) | $(field p50_ms) ms | $(field p99_ms) ms | $(field max_ms) ms | $(field server_held | tr _ ' ') | $(field server_after | tr _ ' ') |"
failures=$(field failures)
[ "$failures" = "{}" ] || echo "failures: $failures" >&2
grep -c ' ERROR ' "$LOG" | sed 's/^/errors in the server log: /' >&2 || true
