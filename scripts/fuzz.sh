#!/usr/bin/env bash
# Fuzzes the loader and the trailer reader for a bounded time each.
#
# Usage: scripts/fuzz.sh [SECONDS]   (default 60 per target)
#
# Installs cargo-fuzz if it is missing, seeds each target's corpus from the
# example registry, the test fixtures and this repository's commit messages,
# then runs libFuzzer on each target and prints what it found. The toolchain
# here is stable: RUSTC_BOOTSTRAP lets cargo-fuzz use the sanitizer flags.
# A crash leaves its input under fuzz/artifacts/TARGET/ and fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${ISG_FUZZ_TARGET:-$HOME/.cache/isg-fuzz-target}"

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install --locked cargo-fuzz
fi

# The load target's first byte chooses the file the rest replaces:
# 0 isg.yaml, 1 mou.yaml, 2 and 3 an organisation, 4 and 5 an agreement,
# 6 a narrative.
seed() {
  local dir=fuzz/corpus/load choice=$1 file=$2
  mkdir -p "$dir"
  { printf "\\x$(printf %02x "$choice")"; cat "$file"; } > "$dir/$(printf %02d "$choice")-$(echo "$file" | tr '/' '_')"
}
for file in isg.yaml tests/fixtures/*/isg.yaml; do [ -f "$file" ] && seed 0 "$file"; done
for file in mou.yaml tests/fixtures/*/mou.yaml; do [ -f "$file" ] && seed 1 "$file"; done
for file in organisations/*.yaml tests/fixtures/*/organisations/*.yaml; do seed 2 "$file"; done
for file in agreements/*/agreement.yaml tests/fixtures/*/agreements/*/agreement.yaml; do seed 5 "$file"; done
for file in agreements/*/agreement.md tests/fixtures/*/agreements/*/agreement.md; do [ -f "$file" ] && seed 6 "$file"; done

mkdir -p fuzz/corpus/trailers
git log --format=%B%x00 | python3 -c '
import sys
for i, message in enumerate(sys.stdin.buffer.read().split(b"\0")[:500]):
    open(f"fuzz/corpus/trailers/log-{i:04d}", "wb").write(message.lstrip(b"\n"))
'

status=0
for target in load trailers; do
  echo "== fuzzing $target for ${seconds}s"
  log=$(mktemp)
  if ! cargo fuzz run --fuzz-dir fuzz "$target" "fuzz/corpus/$target" -- \
      -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 >"$log" 2>&1; then
    status=1
    tail -40 "$log"
  fi
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ +DONE' "$log" || tail -5 "$log"
  echo "crashes: $(find "fuzz/artifacts/$target" -type f 2>/dev/null | wc -l)"
  rm -f "$log"
done
exit "$status"
