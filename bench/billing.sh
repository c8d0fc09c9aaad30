#!/usr/bin/env bash
# Billing: invoices issued in one batch (a backfill of the demo company's newest orders, one
# invoice per parcel, numbered in blocks), their PDFs rendered by the background workers, and
# the /billing list of a company with that many invoices, as a page and as JSON.
#
# Starts Concierge on its own embedded PostgreSQL with the demo data and ORDERS more orders
# for the demo company (made once per data directory), then starts it again with
# concierge.demo.bench-invoices=INVOICES and no PDF workers, which issues them at start-up
# and logs how long it took. The invoice mails are switched off first (a company's 100,000
# invoices would go to its buyer). Then starts it with the two PDF workers and counts the
# PDFs rendered in PDF_WAIT seconds. Then, without workers, signs in as the demo company's
# finance user and runs wrk against /billing and /api/invoices.
#
#   bench/billing.sh                                  # 100,000 orders and invoices
#   ORDERS=10000 INVOICES=10000 PDF_WAIT=60 bench/billing.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

ORDERS=${ORDERS:-100000}
INVOICES=${INVOICES:-100000}
PDF_WAIT=${PDF_WAIT:-120}
CONNECTIONS=${CONNECTIONS:-10}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
RUNS=${RUNS:-3}
PORT=${PORT:-8097}
DATA=${DATA:-target/bench-billing-postgres}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
PSQL=${PSQL:-$(ls /usr/lib/postgresql/*/bin/psql | tail -n 1)}

[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -DskipTests -Dspring-javaformat.skip=true package
start() {
  "$JAVA_HOME/bin/java" ${JAVA_OPTS:--Xmx1g} -jar target/concierge-*.jar --server.port="$PORT" \
    --concierge.database.embedded.data-directory="$DATA" --concierge.search.index-directory="$DATA-search" \
    --concierge.documents.directory="$DATA-documents" --concierge.documents.keyset="$DATA-keyset.json" \
    --concierge.demo.bench-orders="$ORDERS" "$@" \
    --concierge.demo.simulator.enabled=false --concierge.demo.logins-file="$DATA-logins.properties" \
    --server.servlet.session.cookie.secure=false >> target/bench-billing.log 2>&1 &
  app=$!
  ready $app target/bench-billing.log
  db=$(grep -o 'listens on port [0-9]*' target/bench-billing.log | tail -n 1 | grep -o '[0-9]*$')
}
: > target/bench-billing.log
trap stop_server EXIT
start
sql() { PGPASSWORD=$(cat "$DATA.password") "$PSQL" -qtA -h localhost -p "$db" -U postgres postgres -c "$1"; }
sql "update notification_rule set enabled = false where event = 'invoice.issued'"
stop_server
start --concierge.demo.bench-invoices="$INVOICES" --concierge.billing.pdf-workers=0
line=$(grep -o 'Issued [0-9]* invoices of [0-9]* orders for the benchmark in [0-9]* ms ([0-9]* a second)' target/bench-billing.log | tail -n 1)
echo "| what | figures |"
echo "|---|---|"
if [ -n "$line" ]; then
  echo "| invoices issued in one batch (numbers, rows, events; without PDF) | ${line#Issued } |"
else
  echo "| invoices issued in one batch | made in an earlier run of this data directory |"
fi
total=$(sql "select count(*) from invoice")
stop_server
# the PDFs alone, by the workers (two, as many as cores)
start --concierge.billing.pdf-workers=2
first=$(sql "select count(*) from invoice where pdf_document is not null"); started=$(date +%s)
sleep "$PDF_WAIT"
last=$(sql "select count(*) from invoice where pdf_document is not null"); took=$(( $(date +%s) - started ))
rate=$(awk -v n=$(( last - first )) -v s="$took" 'BEGIN { printf "%.1f", n / s }')
echo "| PDFs (PDF/A-3 with Factur-X) rendered and kept by 2 workers | $(( last - first )) in $took s: $rate a second; $last of $total done; all $total would take $(awk -v t="$total" -v r="$rate" 'BEGIN { printf "%.0f", (r > 0) ? t / r / 60 : 0 }') min |"
stop_server
# the list, with the workers stopped so they do not share the cores with it
start --concierge.billing.pdf-workers=0
read -r _ email password _ < <(grep 'nordwind' "$DATA-logins.properties" | head -n 1)
session=$(sign_in "$email" "$password")
echo
echo "$MEASURED_HEADER" | sed 's/^| connections/| what | connections/'
echo "|---|---|---|---|---|---|---|---|"
measure "/billing (the company's $total documents, newest first)" /billing "$CONNECTIONS"
measure "/api/invoices" /api/invoices "$CONNECTIONS"
measure "/billing?status=OVERDUE" "/billing?status=OVERDUE" "$CONNECTIONS"
