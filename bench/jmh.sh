#!/usr/bin/env bash
# JMH micro-benchmarks of the hot paths the profiles found (src/test/java/**/*Benchmark.java).
#
# Compiles the tests (JMH's generator writes the harness), then runs the benchmarks whose
# names match the arguments (all by default) in JMH's own forked JVMs and prints a Markdown
# table of the average time per call with its 99.9 % confidence interval.
#
#   bench/jmh.sh
#   bench/jmh.sh PrintersBenchmark
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
mkdir -p target/bench
./mvnw -q -Dspring-javaformat.skip=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench/test-classpath -Dmdep.includeScope=test >&2
"$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/bench/test-classpath)" \
  org.openjdk.jmh.Main -rf csv -rff target/bench/jmh.csv "${@:-Benchmark}" >&2
echo "| benchmark | mode | time per call | ± (99.9 %) |"
echo "|---|---|---|---|"
# "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
tail -n +2 target/bench/jmh.csv | tr -d '"\r' \
  | awk -F, '{ printf "| %s | %s | %.1f %s | %.1f |\n", $1, $2, $5, $7, $6 }' | sed 's/| io\.concierge\./| /'
