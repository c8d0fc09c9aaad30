#!/usr/bin/env bash
# Analytics: /admin/analytics (the page with its charts and tables) and /admin/analytics.json
# over YEARS years of daily sums worth EVENTS events, at CONNECTIONS connections, signed in as
# the demo administrator.
#
# Starts Concierge on its own embedded PostgreSQL with the demo data, then writes the sums
# straight into analytics_daily (once per data directory): per day the scalar metrics with
# their dimensions, SEARCHES distinct searches (a tenth of them finding nothing), 100
# articles and the return reasons, with counts that add up to EVENTS events.
#
#   bench/analytics.sh                      # 5 years, 100,000,000 events
#   YEARS=1 EVENTS=20000000 RUNS=1 bench/analytics.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

YEARS=${YEARS:-5}
EVENTS=${EVENTS:-100000000}
SEARCHES=${SEARCHES:-300}
CONNECTIONS=${CONNECTIONS:-10}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
RUNS=${RUNS:-3}
PORT=${PORT:-8099}
DATA=${DATA:-target/bench-analytics-postgres}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
PSQL=${PSQL:-$(ls /usr/lib/postgresql/*/bin/psql | tail -n 1)}

[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -DskipTests -Dspring-javaformat.skip=true package
: > target/bench-analytics.log
"$JAVA_HOME/bin/java" ${JAVA_OPTS:--Xmx1g} -jar target/concierge-*.jar --server.port="$PORT" \
  --concierge.database.embedded.data-directory="$DATA" --concierge.search.index-directory="$DATA-search" \
  --concierge.documents.directory="$DATA-documents" --concierge.documents.keyset="$DATA-keyset.json" \
  --concierge.billing.pdf-workers=0 --concierge.demo.simulator.enabled=false \
  --concierge.demo.logins-file="$DATA-logins.properties" \
  --server.servlet.session.cookie.secure=false >> target/bench-analytics.log 2>&1 &
app=$!
trap stop_server EXIT
ready $app target/bench-analytics.log
db=$(grep -o 'listens on port [0-9]*' target/bench-analytics.log | tail -n 1 | grep -o '[0-9]*$')
sql() { PGPASSWORD=$(cat "$DATA.password") "$PSQL" -qtA -h localhost -p "$db" -U postgres postgres -c "$1"; }

if [ "$(sql "select count(*) from analytics_daily where dimension = 'bench-marker'")" = 0 ]; then
  started=$(date +%s%N)
  days=$(( YEARS * 365 ))
  # counts per day: each row's share of the day's events, so the whole adds up to EVENTS
  sql "
    create temporary table shape (metric text, dimension text, weight double precision, amount double precision);
    insert into shape values
      ('interactions', 'PORTAL', 30, null), ('interactions', 'AGENT', 12, null),
      ('needs', 'self', 25, null), ('needs', 'agent', 11, null),
      ('status_checks', 'PORTAL', 14, null), ('status_checks', 'AGENT', 5, null),
      ('orders', '', 8, null), ('tickets', '', 3, null),
      ('handle_time', '', 2, 420), ('resolution_time', '', 2, 30000),
      ('first_contact', 'true', 1.4, null), ('first_contact', 'false', 0.6, null),
      ('csat', '5', 0.8, 5), ('csat', '4', 0.4, 4), ('csat', '2', 0.1, 2),
      ('nps', 'promoter', 0.2, 9.5), ('nps', 'passive', 0.1, 7.5), ('nps', 'detractor', 0.05, 3),
      ('deflection', 'deflected', 1.2, null), ('deflection', 'ticket', 0.8, null),
      ('active_customers', 'PORTAL', 4, null), ('active_customers', 'AGENT', 1, null),
      ('return_reasons', 'TOO_SMALL', 0.5, null), ('return_reasons', 'DAMAGED', 0.2, null),
      ('return_reasons', 'NOT_AS_DESCRIBED', 0.3, null), ('return_reasons', 'CHANGED_MIND', 0.4, null),
      ('bench', 'bench-marker', 0, null);
    insert into shape select 'searches', 'query ' || q, 8.0 / $SEARCHES, 3 from generate_series(1, $SEARCHES) q;
    insert into shape select 'zero_searches', 'query ' || q, 0.8 / $SEARCHES, null
      from generate_series(1, $SEARCHES / 10) q;
    insert into shape select 'articles', 'article-' || a, 6.0 / 100, null from generate_series(1, 100) a;
    insert into analytics_daily (day, metric, dimension, count, sum)
    select current_date - d, s.metric, s.dimension,
           greatest(1, round(s.weight / (select sum(weight) from shape) * $EVENTS / $days)),
           coalesce(s.amount, 0) * greatest(1, round(s.weight / (select sum(weight) from shape) * $EVENTS / $days))
    from generate_series(0, $days - 1) d cross join shape s
    on conflict (day, metric, dimension) do update set count = excluded.count, sum = excluded.sum;
    analyze analytics_daily;"
  echo "wrote $(sql "select count(*) from analytics_daily") daily sums worth $(sql "select sum(count) from analytics_daily where metric <> 'active_customers'") events in $(( ($(date +%s%N) - started) / 1000000 )) ms (once per data directory)" >&2
fi

read -r _ email password _ key < <(grep '^ADMINISTRATOR ' "$DATA-logins.properties" | head -n 1)
session=$(sign_in_staff "$email" "$password" "$key")
# the first report of each period after a start (or after the sums changed) is made from the
# sums; later ones are kept until the rollup job changes them again
for days in 365 30; do
  cold=$(curl -s -o /dev/null -w '%{time_total}' -b "CONCIERGE_SESSION=$session" "localhost:$PORT/admin/analytics.json?days=$days")
  echo "first report of $days days, made from the sums: $(awk -v t="$cold" 'BEGIN { printf "%.0f", t * 1000 }') ms" >&2
done
echo "$MEASURED_HEADER" | sed 's/^| connections/| what | connections/'
echo "|---|---|---|---|---|---|---|---|"
measure "/admin/analytics.json?days=365" "/admin/analytics.json?days=365" "$CONNECTIONS"
measure "/admin/analytics.json?days=30" "/admin/analytics.json?days=30" "$CONNECTIONS"
measure "/admin/analytics (page, 365 days)" "/admin/analytics?days=365" "$CONNECTIONS"
