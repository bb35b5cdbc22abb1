#!/usr/bin/env bash
# `npm test` — every suite, one after another, with a summary table and a closing
# `Tests: N passed, N failed` line. Exit 1 when any suite fails or runs no test.
#
#   npm test                          all suites: checks, domain, api-sqlite, api-postgres, e2e
#   npm test -- api-sqlite            only that suite (several names may be given)
#   npm test -- e2e -- -t login       arguments after a second `--` go to vitest
#
# Installs what is missing: npm packages; Debian's chromium + fonts-noto-cjk (e2e);
# PostgreSQL (api-postgres), which it starts on a free loopback port for the run and stops after.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/common.sh
. scripts/lib/postgres.sh

ALL_SUITES=(checks domain api-sqlite api-postgres e2e)

suites=()
vitest_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; vitest_args=("$@"); break ;;
    all) suites+=("${ALL_SUITES[@]}") ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *)
      known=0
      for s in "${ALL_SUITES[@]}"; do [ "$s" = "$1" ] && known=1; done
      [ "$known" -eq 1 ] || zx_die "unknown suite '$1' (suites: ${ALL_SUITES[*]}; pass vitest options after a second --)"
      suites+=("$1") ;;
  esac
  shift
done
[ "${#suites[@]}" -gt 0 ] || suites=("${ALL_SUITES[@]}")

wants() { local s; for s in "${suites[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }

cleanup() {
  local rc=$?
  zx_pg_stop || true
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v node >/dev/null 2>&1 || zx_die "Node.js 20.19+ is required (node not found)"
zx_ensure_npm_deps

if wants e2e; then
  fonts_ok=0
  if command -v fc-list >/dev/null 2>&1; then
    if fc-list | grep -qi "Noto Sans CJK"; then fonts_ok=1; fi
  elif [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]; then
    fonts_ok=1
  fi
  if [ ! -x /usr/bin/chromium ] || [ "$fonts_ok" -eq 0 ]; then
    zx_apt_install chromium fonts-noto-cjk
  fi
  [ -x /usr/bin/chromium ] || zx_die "/usr/bin/chromium still missing after apt-get install chromium"
  zx_ensure_web_build
fi

if wants api-postgres; then
  zx_pg_ensure_installed
  zx_pg_start
  zx_pg_watch_parent
fi

# Type errors fail the run before any suite starts (only when running everything).
if [ "${#suites[@]}" -eq "${#ALL_SUITES[@]}" ]; then
  zx_log "type-checking all packages"
  npm run --silent typecheck || zx_die "type errors: fix them first (npm run typecheck)"
fi

mkdir -p .tmp
summary=()   # "suite status total passed failed skipped seconds note"
sum_passed=0
sum_failed=0
any_failed=0

for suite in "${suites[@]}"; do
  json=".tmp/results-$suite.json"
  rm -f "$json"
  db_env=()
  case "$suite" in
    api-sqlite) db_env=(ZX_TEST_DB=sqlite) ;;
    api-postgres) db_env=(ZX_TEST_DB=postgres) ;;
  esac
  echo
  zx_log "━━━ suite $suite ━━━"
  start=$SECONDS
  set +e
  env ${db_env[@]+"${db_env[@]}"} npx vitest run --project "$suite" \
    --reporter=default --reporter=json --outputFile.json="$json" \
    ${vitest_args[@]+"${vitest_args[@]}"}
  rc=$?
  set -e
  if [ "$rc" -eq 130 ] || [ "$rc" -eq 143 ]; then zx_log "interrupted"; exit "$rc"; fi
  secs=$((SECONDS - start))

  counts=$(node -e '
    const fs = require("fs");
    try {
      const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      const skipped = (r.numPendingTests || 0) + (r.numTodoTests || 0);
      console.log([r.numTotalTests || 0, r.numPassedTests || 0, r.numFailedTests || 0, skipped, r.numFailedTestSuites || 0].join(" "));
    } catch { console.log("- - - - -"); }
  ' "$json")
  read -r total passed failed skipped failed_files <<<"$counts"

  status=PASS
  note=""
  if [ "$total" = "-" ]; then
    status=FAIL; note="no results (vitest exit $rc)"; total=0; passed=0; failed=0; skipped=0
  elif [ "$failed" -gt 0 ]; then
    status=FAIL; note="$failed failed"
  elif [ "$total" -eq 0 ]; then
    status=FAIL; note="ran no tests"
  elif [ "$failed_files" -gt 0 ]; then
    status=FAIL; note="$failed_files suite(s) failed outside tests (load error or hook)"
  elif [ "$rc" -ne 0 ]; then
    status=FAIL; note="vitest exit $rc (unhandled error?)"
  fi
  # A suite that failed without a failing test (no tests, load error, crash) still counts once.
  counted_failed=$failed
  if [ "$status" = FAIL ] && [ "$failed" -eq 0 ]; then counted_failed=1; note="$note; counted as 1 failed"; fi
  [ "$status" = PASS ] || any_failed=1
  sum_passed=$((sum_passed + passed))
  sum_failed=$((sum_failed + counted_failed))
  summary+=("$suite|$status|$total|$passed|$failed|$skipped|${secs}s|$note")
done

zx_pg_stop

echo
printf '%-14s %-6s %7s %7s %7s %8s %8s  %s\n' suite result tests passed failed skipped time note
printf '%-14s %-6s %7s %7s %7s %8s %8s  %s\n' -------------- ------ ------- ------- ------- -------- -------- ----
for line in "${summary[@]}"; do
  IFS='|' read -r s st t p f sk tm nt <<<"$line"
  printf '%-14s %-6s %7s %7s %7s %8s %8s  %s\n' "$s" "$st" "$t" "$p" "$f" "$sk" "$tm" "$nt"
done
echo
echo "Tests: $sum_passed passed, $sum_failed failed"
[ "$any_failed" -eq 0 ] || exit 1
exit 0
