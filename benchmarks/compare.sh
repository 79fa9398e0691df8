#!/usr/bin/env bash
# Compares two builds of the benchmark jar on one noisy machine: runs them alternately, round after
# round, with short JMH settings, and prints each shape's Troupe / Pekko ratio per round and its spread.
#
#   benchmarks/compare.sh [-n ROUNDS] [-o DIR] OLD.jar NEW.jar REGEX [JMH options...]
#   benchmarks/compare.sh -r -o DIR [-n ROUNDS]      (the tables again, from DIR's JSON; none run)
#
#   -n ROUNDS   rounds (default 3); each round runs both jars, in turn OLD first, then NEW first
#   -o DIR      where to keep each run's JMH JSON and log (default: a new temporary directory)
#   REGEX       the JMH benchmark regex, e.g. 'ThreadRing|Chameneos' or 'PingPongBench.(troupe|pekko)$'
#   JMH options replace the short default: -f 1 -wi 1 -i 2 -w 1s -r 1s
#   -r          report only: print the tables from the runs kept in DIR (a missing round shows "-")
#
# Ratios pair each troupeX method with pekkoX in the same class and with the same @Param values, for
# the primary score (p50 for sampled latencies) and every secondary result both report (·cpuPerMessage,
# ·bytesPerActor, ...). "better" says which way is good. Only ratios from the same round are compared:
# the machine's load changes from minute to minute, both runtimes of a round share it.
# Needs python3; runs the jars with the JDK of $JAVA_HOME if it is 21 or newer, else with the one
# ./troupe finds.
set -euo pipefail

usage() { sed -n '4,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

rounds=3
out=""
report_only=""
while getopts "n:o:rh" opt; do
  case "$opt" in
    n) rounds="$OPTARG" ;;
    o) out="$OPTARG" ;;
    r) report_only=1 ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "compare: -n wants a positive number of rounds, not '$rounds'" >&2; exit 2; }
if [ -n "$report_only" ]; then
  [ -n "$out" ] && [ -d "$out" ] || { echo "compare: -r needs -o DIR with the runs to report" >&2; exit 2; }
  set -- report report report
fi
[ $# -ge 3 ] || usage
old="$1" new="$2" regex="$3"
shift 3
jmh=("$@")
[ ${#jmh[@]} -gt 0 ] || jmh=(-f 1 -wi 1 -i 2 -w 1s -r 1s)
command -v python3 >/dev/null 2>&1 || { echo "compare: python3 is needed to read JMH's JSON" >&2; exit 1; }
[ -n "$report_only" ] || {
for jar in "$old" "$new"; do
  [ -f "$jar" ] || { echo "compare: no such jar: $jar" >&2; exit 2; }
done

java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'; }
java=""
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  major=$(java_major "$JAVA_HOME/bin/java")
  [ "${major%%.*}" -ge 21 ] 2>/dev/null && java="$JAVA_HOME/bin/java"
fi
if [ -z "$java" ]; then
  # The launcher knows where JDKs live; it says which one it picked on stderr.
  home=$("$(dirname "$0")/../troupe" mvn -v 2>&1 >/dev/null | sed -n 's/^troupe: using JDK [0-9]* at //p')
  [ -n "$home" ] || { echo "compare: no JDK 21 or newer (set JAVA_HOME)" >&2; exit 1; }
  java="$home/bin/java"
fi

[ -n "$out" ] || out=$(mktemp -d "${TMPDIR:-/tmp}/troupe-compare.XXXXXX")
mkdir -p "$out"
echo "compare: $rounds round(s) of '$regex' with ${jmh[*]}; JSON and logs in $out" >&2

run() {   # run LABEL JAR ROUND
  local json="$out/$1-$3.json"
  echo "compare: round $3, $1 ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'))" >&2
  if ! "$java" -jar "$2" "${jmh[@]}" -rf json -rff "$json" "$regex" >"$out/$1-$3.log" 2>&1; then
    echo "compare: the $1 jar failed in round $3; see $out/$1-$3.log" >&2
    exit 1
  fi
}

for ((r = 1; r <= rounds; r++)); do
  if ((r % 2)); then run old "$old" "$r"; run new "$new" "$r"; else run new "$new" "$r"; run old "$old" "$r"; fi
done
}

python3 - "$out" "$rounds" <<'PY'
import json, re, statistics, sys

out, rounds = sys.argv[1], int(sys.argv[2])

def metrics(result):
    """(name, unit, score, higher_is_better) for the primary score and each secondary result."""
    primary = result["primaryMetric"]
    mode = result["mode"]
    if mode == "sample" and "50.0" in primary.get("scorePercentiles", {}):
        yield "p50", primary["scoreUnit"], primary["scorePercentiles"]["50.0"], False
    else:
        yield mode, primary["scoreUnit"], primary["score"], mode == "thrpt"
    for label, m in result.get("secondaryMetrics", {}).items():
        if re.match(r"^p\d\.\d+$", label) or "gc." in label:
            continue
        yield label.lstrip("·"), m["scoreUnit"], m["score"], False

def load(label, r):
    """{(shape, metric): (troupe, pekko, unit, higher)} for one run."""
    try:
        with open(f"{out}/{label}-{r}.json") as f:
            results = json.load(f)
    except (OSError, ValueError):
        return {}
    by = {}
    for res in results:
        cls, method = res["benchmark"].rsplit(".", 2)[-2:]
        params = ",".join(f"{k}={v}" for k, v in sorted(res.get("params", {}).items()))
        for side in ("troupe", "pekko"):
            if method.startswith(side):
                suffix = method[len(side):]
                break
        else:
            continue
        shape = cls + ("." + suffix[0].lower() + suffix[1:] if suffix else "") + (f" [{params}]" if params else "")
        for name, unit, score, higher in metrics(res):
            by.setdefault((shape, name), {})[side] = (score, unit, higher)
    return by

table = {}
for label in ("old", "new"):
    for r in range(1, rounds + 1):
        for key, sides in load(label, r).items():
            if "troupe" in sides and "pekko" in sides and sides["pekko"][0] > 0:
                t, unit, higher = sides["troupe"]
                p = sides["pekko"][0]
                row = table.setdefault(key, {"unit": unit, "higher": higher, "old": {}, "new": {}})
                row[label][r] = (t / p, t, p)

if not table:
    print("compare: no troupe/pekko pair in the results (does the regex select both?)", file=sys.stderr)
    sys.exit(1)

def fmt(x):
    return f"{x:.3g}" if x < 100 else f"{x:,.0f}"

def ratio(x):
    return (f"{x:,.0f}" if x >= 100 else f"{x:.3g}") + "x"

def summary(runs):
    ratios = [v[0] for v in runs.values()]
    if not ratios:
        return "-", "-"
    return ratio(statistics.median(ratios)), f"{ratio(min(ratios))}-{ratio(max(ratios))}"

cols = [f"old r{r}" for r in range(1, rounds + 1)] + [f"new r{r}" for r in range(1, rounds + 1)]
print()
print("Troupe / Pekko per round (same round = same machine load)")
print()
print("| shape | metric | better | " + " | ".join(cols) + " | old median (range) | new median (range) | new / old |")
print("|---|---|---|" + "---:|" * (len(cols) + 3))
for (shape, name), row in sorted(table.items()):
    cells = []
    for label in ("old", "new"):
        for r in range(1, rounds + 1):
            v = row[label].get(r)
            cells.append(ratio(v[0]) if v else "-")
    om, orng = summary(row["old"])
    nm, nrng = summary(row["new"])
    change = "-"
    if row["old"] and row["new"]:
        change = ratio(statistics.median(v[0] for v in row["new"].values()) / statistics.median(v[0] for v in row["old"].values()))
    better = "higher" if row["higher"] else "lower"
    print(f"| {shape} | {name} | {better} | " + " | ".join(cells) + f" | {om} ({orng}) | {nm} ({nrng}) | {change} |")

print()
print("Medians over the rounds of the scores themselves")
print()
print("| shape | metric | unit | old Troupe | old Pekko | new Troupe | new Pekko |")
print("|---|---|---|---:|---:|---:|---:|")
for (shape, name), row in sorted(table.items()):
    cells = []
    for label in ("old", "new"):
        runs = row[label].values()
        cells += [fmt(statistics.median(v[1] for v in runs)), fmt(statistics.median(v[2] for v in runs))] if runs else ["-", "-"]
    print(f"| {shape} | {name} | {row['unit']} | " + " | ".join(cells) + " |")
PY
