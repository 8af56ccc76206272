# Sourced by .ci/run: names each step as it starts, and on any failure says which step failed, with the test
# counts of what ran, then exits with that step's status. Without it, `set -e` left a failed `npm test` as the
# last lines of vitest's output and no summary at all.
#
#   ci_step "npm test" npm test        runs the command as the named step (set -e stops the script on failure)
#   CI_RESULTS="a.json b.json"         the vitest JSON files to total in the summary, those that exist
#   trap 'ci_on_exit "$?"' EXIT        prints the last line: every step passed, or which one failed

ci_current_step="setup"

ci_step() {
  ci_current_step="$1"
  shift
  echo "== $ci_current_step"
  "$@"
}

# The vitest JSON files named in CI_RESULTS that exist, totalled in one line; nothing when none does.
ci_test_counts() {
  local files=() file
  for file in ${CI_RESULTS:-}; do [[ -f $file ]] && files+=("$file"); done
  if (( ${#files[@]} > 0 )); then node "$(dirname "${BASH_SOURCE[0]}")/test-summary.mjs" "${files[@]}" || true; fi
}

# The EXIT trap's end: `ci_on_exit "$status"` with the script's exit status.
ci_on_exit() {
  local status=$1
  if (( status == 0 )); then
    echo "== passed: every step"
  else
    ci_test_counts
    echo "== FAILED at step \"$ci_current_step\" (exit $status)"
  fi
  exit "$status"
}
