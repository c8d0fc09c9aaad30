#!/usr/bin/env bash
# Support: the help centre's search over ARTICLES articles (half English, half German) and the
# assistant's answer to "where is my order", each at CONNECTIONS connections.
#
# Starts Concierge on its own embedded PostgreSQL with the demo data and ARTICLES generated
# articles (written once per data directory), then runs wrk against /help?q=… (every search
# is also recorded, as in use) and, signed in as the demo customer, against POST /assistant.
#
#   bench/support.sh                      # 10,000 articles
#   ARTICLES=2000 RUNS=1 bench/support.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

ARTICLES=${ARTICLES:-10000}
CONNECTIONS=${CONNECTIONS:-10}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
RUNS=${RUNS:-3}
PORT=${PORT:-8098}
DATA=${DATA:-target/bench-support-postgres}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME

[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -DskipTests -Dspring-javaformat.skip=true package
: > target/bench-support.log
"$JAVA_HOME/bin/java" ${JAVA_OPTS:--Xmx1g} -jar target/concierge-*.jar --server.port="$PORT" \
  --concierge.database.embedded.data-directory="$DATA" --concierge.search.index-directory="$DATA-search" \
  --concierge.documents.directory="$DATA-documents" --concierge.documents.keyset="$DATA-keyset.json" \
  --concierge.demo.bench-articles="$ARTICLES" --concierge.billing.pdf-workers=0 \
  --concierge.demo.simulator.enabled=false --concierge.demo.logins-file="$DATA-logins.properties" \
  --server.servlet.session.cookie.secure=false >> target/bench-support.log 2>&1 &
app=$!
trap stop_server EXIT
ready $app target/bench-support.log
line=$(grep -o 'Wrote [0-9]* articles for the benchmark in [0-9]* ms' target/bench-support.log | tail -n 1 || true)
[ -z "$line" ] || echo "${line} (once per data directory)" >&2

read -r _ email password _ < <(grep 'alex.morgan' "$DATA-logins.properties" | head -n 1)
session=$(sign_in "$email" "$password")
order=$(curl -s -b "CONCIERGE_SESSION=$session" "localhost:$PORT/orders" | grep -o '/orders/C-[0-9]*' | head -n 1 | cut -d/ -f3)
token=$(curl -s -b "CONCIERGE_SESSION=$session" "localhost:$PORT/dashboard" | grep -o 'name="csrf-token" content="[^"]*"' | head -n 1 | cut -d'"' -f4)
work=$(mktemp -d)
cat > "$work/assistant.lua" << LUA
wrk.method = "POST"
wrk.body = "question=where+is+my+order+$order"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["X-CSRF-TOKEN"] = "$token"
wrk.headers["Cookie"] = "CONCIERGE_SESSION=$session"
LUA

echo "$MEASURED_HEADER" | sed 's/^| connections/| what | connections/'
echo "|---|---|---|---|---|---|---|---|"
measure "/help?q=damaged parcel refund ($ARTICLES articles)" "/help?q=damaged+parcel+refund" "$CONNECTIONS"
measure "/help?q=retoure paket (German, with synonyms)" "/help?q=retoure+paket&lang=de" "$CONNECTIONS"
measure "POST /assistant: where is my order $order" /assistant "$CONNECTIONS" "$work/assistant.lua"
