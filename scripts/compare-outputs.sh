#!/usr/bin/env bash
# Builds the same inputs at two commits and compares every output file byte for byte: the check
# that a refactoring changes no output (issue #28). Inputs: the seeds (sources/), each corpus of
# ../shared/corpus/ built from its plain texts, each corpus's volume.xml and each volume of
# ../shared/volumes/ rendered. Every format; SOURCE_DATE_EPOCH fixed; the build cache left out.
#
#   scripts/compare-outputs.sh BASE [HEAD]      (HEAD defaults to the working tree)
#   QUICK=1 scripts/compare-outputs.sh BASE     (the seeds and one corpus only)
#   SKIP_TEI=1 scripts/compare-outputs.sh BASE  (the TEI left out: a change that fixes the TEI named by
#                                                its issue, the renderers' outputs still compared)
#
# Prints one line per input (identical, or the files that differ) and exits 1 if any differ.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$here/../shared" && pwd)
base=${1:?usage: compare-outputs.sh BASE [HEAD]}
head=${2:-}
work=$(mktemp -d /tmp/recto-compare.XXXXXX)
trap 'git -C "$here" worktree remove --force "$work/base" >/dev/null 2>&1 || true; git -C "$here" worktree remove --force "$work/head" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1767225600 RECTO_JOBS=${RECTO_JOBS:-2}

# A checkout of a commit beside the project (so ../shared resolves the same), with node_modules.
checkout() { # name commit
  local dir="$work/$1"
  git -C "$here" worktree add --detach "$dir" "$2" >/dev/null 2>&1
  if cmp -s "$dir/package-lock.json" "$here/package-lock.json"; then
    ln -s "$here/node_modules" "$dir/node_modules"
  else
    (cd "$dir" && npm ci --no-audit --no-fund --silent)
  fi
  # The worktree lives in /tmp: point ../shared at the real one.
  ln -sfn "$shared" "$work/shared"
  echo "$dir"
}

base_dir=$(checkout base "$base")
if [ -n "$head" ]; then head_dir=$(checkout head "$head"); else head_dir=$here; fi

inputs=("seeds")
corpora=("$shared"/corpus/*/)
[ -n "${QUICK:-}" ] && corpora=("${corpora[0]}")
for c in "${corpora[@]}"; do inputs+=("corpus:$(basename "$c")" "volume:$c/volume.xml"); done
if [ -z "${QUICK:-}" ]; then for v in "$shared"/volumes/*.xml; do inputs+=("volume:$v"); done; fi

# One input built by one checkout into OUT.
run() { # dir input out
  local dir=$1 input=$2 out=$3
  case "$input" in
  seeds) (cd "$dir" && node bin/recto.js build --sources sources --out "$out" --quiet) ;;
  corpus:*)
    local name=${input#corpus:}
    (cd "$dir" && node bin/recto.js build --sources "$shared/corpus/$name" --out "$out" --quiet) ;;
  volume:*) (cd "$dir" && node bin/recto.js render "${input#volume:}" --out "$out" --quiet) ;;
  esac
  rm -rf "$out/.cache"
}

status=0
for input in "${inputs[@]}"; do
  key=$(echo "$input" | tr '/:' '__')
  run "$base_dir" "$input" "$work/out-base-$key" >/dev/null 2>"$work/err-base-$key" || true
  run "$head_dir" "$input" "$work/out-head-$key" >/dev/null 2>"$work/err-head-$key" || true
  files=$(cd "$work/out-base-$key" && find . -type f | sort | wc -l)
  if [ -n "${SKIP_TEI:-}" ]; then
    rm -rf "$work/out-base-$key/tei" "$work/out-head-$key/tei" "$work"/out-*-"$key"/html/downloads/edition.xml "$work"/out-*-"$key"/html/downloads/tei
  fi
  if diff -rq "$work/out-base-$key" "$work/out-head-$key" >"$work/diff-$key" 2>&1; then
    echo "identical  $input ($files files)"
  else
    status=1
    echo "DIFFERENT  $input ($files files):"
    # (head first: under pipefail, sed writing into a closed pipe would end the script)
    head -20 "$work/diff-$key" | sed 's/^/    /'
    if [ "$(wc -l <"$work/diff-$key")" -gt 20 ]; then echo "    … $(wc -l <"$work/diff-$key") files in all"; fi
  fi
  rm -rf "$work/out-base-$key" "$work/out-head-$key"
done
exit $status
