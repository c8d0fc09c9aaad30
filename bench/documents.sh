#!/usr/bin/env bash
# The document store over HTTP: uploads of a 5 MB PDF (checked, encrypted, kept) by CLIENTS
# clients, through the page's form and through the API, then downloads of it (decrypted as it is sent) on one stream and on CLIENTS.
#
# Starts Concierge on a fresh embedded PostgreSQL with the demo data, signs in as the demo
# customer once per client and runs bench/DocumentLoad.java, Concierge's own load tool, from a separate JVM.
# With CLAMD=host:port the uploads are scanned by that ClamAV daemon too.
#
#   bench/documents.sh
#   CLIENTS=20 DURATION=20 bench/documents.sh
#   CLAMD=127.0.0.1:3310 bench/documents.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

CLIENTS=${CLIENTS:-10}
DURATION=${DURATION:-15}
# long enough for the JIT to compile AES-GCM, SHA-256 and multipart parsing with C2: on two
# cores its queue is long after the start, and until then they run several times slower
WARMUP=${WARMUP:-30}
PORT=${PORT:-8099}
DATA=target/bench-documents-postgres
FILES=target/bench-documents-files
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
PSQL=${PSQL:-$(ls /usr/lib/postgresql/*/bin/psql | tail -n 1)}

[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -DskipTests -Dspring-javaformat.skip=true package
rm -rf "$DATA" "$DATA-search" "$FILES" "$FILES-keyset.json"
"$JAVA_HOME/bin/java" ${JAVA_OPTS:--Xmx1g} -jar target/concierge-*.jar --server.port="$PORT" \
  --concierge.database.embedded.data-directory="$DATA" --concierge.search.index-directory="$DATA-search" \
  --concierge.documents.directory="$FILES" --concierge.documents.keyset="$FILES-keyset.json" \
  --concierge.documents.uploads-per-hour=100000000 ${CLAMD:+--concierge.documents.clamd=$CLAMD} \
  --concierge.demo.simulator.enabled=false --concierge.demo.logins-file="$DATA-logins.properties" \
  --server.servlet.session.cookie.secure=false > target/bench-documents.log 2>&1 &
app=$!
trap stop_server EXIT
ready $app target/bench-documents.log
db=$(grep -o 'listens on port [0-9]*' target/bench-documents.log | grep -o '[0-9]*$')
sql() { PGPASSWORD=$(cat "$DATA.password") "$PSQL" -qtA -h localhost -p "$db" -U postgres postgres -c "$1"; }
read -r _ email password _ < <(grep '^CUSTOMER' "$DATA-logins.properties" | grep -v nordwind)
sessions=$(for _ in $(seq "$CLIENTS"); do sign_in "$email" "$password"; done | paste -sd,)
# PROFILE=prefix records each measured run with Java Flight Recorder, to prefix-<mode>-<clients>.jfr
load() {
  local measured=0; [ -z "${PROFILE:-}" ] || [ "$3" != "$DURATION" ] || measured=1
  [ $measured = 0 ] || "$JAVA_HOME/bin/jcmd" $app JFR.start settings=profile name=run > /dev/null
  "$JAVA_HOME/bin/java" bench/DocumentLoad.java "http://localhost:$PORT" "$sessions" "$@"
  [ $measured = 0 ] || "$JAVA_HOME/bin/jcmd" $app JFR.stop name=run filename="$PROFILE-$1-$2.jfr" > /dev/null
}

load upload 4 "$(( WARMUP / 2 ))" > /dev/null
load api 4 "$(( WARMUP / 2 ))" > /dev/null
before=$(sql "select count(*) from document")
echo "| what | clients | load tool's figures | afterwards |"
echo "|---|---|---|---|"
out=$(load upload "$CLIENTS" "$DURATION")
echo "| upload 5 MB PDF through the page's form${CLAMD:+, scanned} | $CLIENTS | $out | kept $(( $(sql "select count(*) from document") - before )) documents |"
before=$(sql "select count(*) from document")
out=$(load api "$CLIENTS" "$DURATION")
echo "| upload 5 MB PDF through the API${CLAMD:+, scanned} | $CLIENTS | $out | kept $(( $(sql "select count(*) from document") - before )) documents, $(du -sh "$FILES" | cut -f1) on disk |"
# the API's uploads again with wrk, a load generator that costs the shared cores less
session=${sessions%%,*}
token=$(curl -s -b "CONCIERGE_SESSION=$session" "localhost:$PORT/documents" | grep -o 'name="csrf-token" content="[^"]*"' | sed -n 1p | cut -d'"' -f4)
work=$(mktemp -d)
"$JAVA_HOME/bin/java" bench/DocumentLoad.java pdf > "$work/scan.pdf"
cat > "$work/upload.lua" << LUA
local file = io.open("$work/scan.pdf", "rb")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/pdf"
wrk.headers["Cookie"] = "CONCIERGE_SESSION=$session"
wrk.headers["X-CSRF-TOKEN"] = "$token"
LUA
before=$(sql "select count(*) from document")
out=$(wrk -t2 -c"$CLIENTS" -d"${DURATION}s" --latency -s "$work/upload.lua" "http://localhost:$PORT/api/documents?name=scan.pdf")
echo "| upload 5 MB PDF through the API, with wrk${CLAMD:+, scanned} | $CLIENTS | $(awk '/Requests\/sec/ { print $2 }' <<< "$out") uploads/s, p50 $(awk '$1 == "50%" { print $2 }' <<< "$out"), p99 $(awk '$1 == "99%" { print $2 }' <<< "$out"), non-2xx $(awk '/Non-2xx/ { print $5 }' <<< "$out" | grep . || echo 0) | kept $(( $(sql "select count(*) from document") - before )) documents |"
rm -rf "$work"
load download 4 "$WARMUP" > /dev/null
echo "| download 5 MB PDF | 1 | $(load download 1 "$DURATION") | |"
# the same with curl, a client that costs less than the load tool's JVM, one download after another
document=$(curl -s -b "CONCIERGE_SESSION=${sessions%%,*}" "localhost:$PORT/api/documents" | grep -o '"content":"[^"]*"' | sed -n 1p | cut -d'"' -f4)
speeds=$(for _ in $(seq 40); do curl -s -o /dev/null -w '%{speed_download} %{time_total}\n' -b "CONCIERGE_SESSION=${sessions%%,*}" "localhost:$PORT$document"; done)
echo "| download 5 MB PDF with curl | 1 | $(awk '{ s += $1; t += $2 } END { printf "%.0f MB/s, %.1f ms each on average", s / NR / 1048576, t / NR * 1000 }' <<< "$speeds") | |"
echo "| download 5 MB PDF | $CLIENTS | $(load download "$CLIENTS" "$DURATION") | |"
