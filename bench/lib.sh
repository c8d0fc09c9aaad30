# Shared by the bench scripts (sourced): wait for a started server, sign in as a browser
# does, and measure one path with wrk.

# ready PID LOG: waits until the server answers ready, or shows the log's end if it died
ready() {
  local started; started=$(date +%s%N)
  until curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null; do
    kill -0 "$1" 2> /dev/null || { tail -n 40 "$2" >&2; exit 1; }
    sleep 0.2
  done
  echo "ready after $(( ($(date +%s%N) - started) / 1000000 )) ms" >&2
}

# settled LOG: waits (three minutes at most) for the node's first training of the delivery
# estimates, which reads up to 500,000 parcels a minute after the start and would slow
# whatever is measured meanwhile
settled() {
  for _ in $(seq 1 180); do
    ! grep -aq "Delivery estimates learned" "$1" || { echo "delivery estimates trained" >&2; return 0; }
    sleep 1
  done
  echo "the delivery estimates were not trained within three minutes" >&2
}

# stop_server: stops the server $app and waits, so the next bench finds its port and data
# directory $DATA free; one that does not stop within a minute (stuck collecting garbage,
# say) is killed, with its PostgreSQL
stop_server() {
  [ -n "${app:-}" ] || return 0
  kill "$app" 2> /dev/null || return 0
  for _ in $(seq 1 600); do kill -0 "$app" 2> /dev/null || return 0; sleep 0.1; done
  echo "the server did not stop within a minute; killing it and its PostgreSQL" >&2
  kill -9 "$app" 2> /dev/null || true
  sleep 1
  [ ! -f "$DATA/postmaster.pid" ] || kill "$(head -n 1 "$DATA/postmaster.pid")" 2> /dev/null || true
}

# sign_in EMAIL PASSWORD: the session id, signed in through the form with its CSRF token
sign_in() {
  local jar csrf session; jar=$(mktemp)
  csrf=$(curl -s -c "$jar" -b "$jar" "localhost:$PORT/login" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | cut -d'"' -f4)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "email=$1" --data-urlencode "password=$2" \
    --data-urlencode "_csrf=$csrf" "localhost:$PORT/login"
  session=$(awk '$6 == "CONCIERGE_SESSION" { print $7 }' "$jar")
  rm -f "$jar"
  [ -n "$session" ] || { echo "could not sign in as $1" >&2; exit 1; }
  echo "$session"
}

# sign_in_staff EMAIL PASSWORD TOTP_KEY: the session id of a member of staff, signed in with
# the password and then a code from the authenticator key (oathtool)
sign_in_staff() {
  local jar csrf session; jar=$(mktemp)
  csrf=$(curl -s -c "$jar" -b "$jar" "localhost:$PORT/login" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | cut -d'"' -f4)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "email=$1" --data-urlencode "password=$2" \
    --data-urlencode "_csrf=$csrf" "localhost:$PORT/login"
  csrf=$(curl -s -c "$jar" -b "$jar" "localhost:$PORT/login/second-factor" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | cut -d'"' -f4)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "code=$(oathtool --totp -b "$3")" \
    --data-urlencode "_csrf=$csrf" "localhost:$PORT/login/second-factor"
  session=$(awk '$6 == "CONCIERGE_SESSION" { print $7 }' "$jar")
  rm -f "$jar"
  curl -sf -o /dev/null -b "CONCIERGE_SESSION=$session" "localhost:$PORT/dashboard" \
    || { echo "could not sign in as $1" >&2; exit 1; }
  echo "$session"
}

# ms VALUE: wrk's 11.74ms, 1.01s, 850.00us or 2.00m in milliseconds
ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    printf "%.2f", (u == "us") ? n / 1000 : (u == "s") ? n * 1000 : (u == "m") ? n * 60000 : n }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

MEASURED_HEADER="| connections | requests/s, median (min–max) | p50 | p99 | slowest | non-2xx or timeouts | wrk's CPU |"

# measure LABEL PATH CONNECTIONS [LUA]: a warm-up, then RUNS runs of DURATION with the
# session's cookie (or the Lua script's request), as one table row: the median requests/s
# with the spread, the median p50 and p99, the slowest request of any run, the failures,
# and wrk's own CPU (of one core). The warm-up has at least 10 connections: one alone
# sends too few requests in a few seconds for the JIT compiler to finish the code's hot paths.
measure() {
  local threads=$(( $3 < 2 ? $3 : 2 )) cookie="Cookie: CONCIERGE_SESSION=${session:-}" script=() runs
  if [ -n "${4:-}" ]; then cookie="X-Bench: script"; script=(-s "$4"); fi
  runs=$(mktemp)
  wrk -t2 -c"$(( $3 < 10 ? 10 : $3 ))" -d"${WARMUP:-5s}" "${script[@]}" -H "$cookie" "http://localhost:$PORT$2" > /dev/null
  for _ in $(seq "${RUNS:-3}"); do
    local out times
    out=$( { TIMEFORMAT='%U %S %R'; time wrk -t"$threads" -c"$3" -d"${DURATION:-10s}" --latency "${script[@]}" \
      -H "$cookie" "http://localhost:$PORT$2" 2>&1; } 2>&1)
    times=$(tail -n 1 <<< "$out")
    echo "$(awk '/Requests\/sec/ { print $2 }' <<< "$out") $(ms "$(awk '$1 == "50%" { print $2 }' <<< "$out")")" \
      "$(ms "$(awk '$1 == "99%" { print $2 }' <<< "$out")")" "$(ms "$(awk '$1 == "Latency" { print $4 }' <<< "$out")")" \
      "$(awk '/Non-2xx/ { print $5 }' <<< "$out" | grep . || echo 0)" \
      "$(awk '/timeout/ { print $NF }' <<< "$out" | grep . || echo 0)" \
      "$(awk '{ printf "%.0f", ($1 + $2) / $3 * 100 }' <<< "$times")" >> "$runs"
  done
  printf '| %s | %s | %.0f (%.0f–%.0f) | %.2f ms | %.2f ms | %.0f ms | %s | %s%% |\n' "$1" "$3" \
    "$(cut -d' ' -f1 "$runs" | median)" "$(cut -d' ' -f1 "$runs" | sort -g | head -n 1)" \
    "$(cut -d' ' -f1 "$runs" | sort -g | tail -n 1)" "$(cut -d' ' -f2 "$runs" | median)" \
    "$(cut -d' ' -f3 "$runs" | median)" "$(cut -d' ' -f4 "$runs" | sort -g | tail -n 1)" \
    "$(awk '{ e += $5 + $6 } END { print e }' "$runs")" "$(cut -d' ' -f7 "$runs" | median)"
  rm -f "$runs"
}
