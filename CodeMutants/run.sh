#!/usr/bin/env bash
# Mutations of the code, not of flags: applies each CodeMutants/*.patch (a realistic edit of
# Sources/Model) to a scratch copy of the package, builds it in release, and runs on it the
# default check and the kill matrix's detectors (explore tiny, explore small, random on
# serenity, prove), each as its own regioncheck command. A patch is killed when some detector
# reports a violation (exit 1); a checker crash (a signal) is a finding too and is printed as
# CRASH. Prints a text table per patch and detector and the mutation score, and writes the
# Stryker mutation-testing-elements JSON.
#
# Usage: CodeMutants/run.sh [--out DIR] [--scratch DIR] [--only NAME]...
#   --out DIR      where the table, the Stryker JSON and each detector's output and trace go
#                  (default codemutants-out)
#   --scratch DIR  the scratch copy and its build cache (default /tmp/regioncheck-codemutants);
#                  kept between runs, so only Sources/Model and what depends on it rebuild
#   --only NAME    run only this patch (repeatable)
# Exit: 0 every patch killed and the reference clean, 1 a patch survived or a false alarm, 2 bad
# input or a patch that does not apply or build.
set -u -o pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
out=codemutants-out
scratch=/tmp/regioncheck-codemutants
only=()
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out=$2; shift 2 ;;
        --scratch) scratch=$2; shift 2 ;;
        --only) only+=("$2"); shift 2 ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
mkdir -p "$out" && out=$(cd "$out" && pwd)

# The detectors: name and command, the budgets of `regioncheck mutants` (its defaults: the
# explorers on the standard alphabet, tiny to depth 3 and small to depth 2).
detectors=(default explore-tiny explore-small random prove)
command_for() { # detector, trace path
    case "$1" in
        default) echo "--trace-out $2" ;;
        explore-tiny) echo "explore --universe tiny --depth 3 --trace-out $2" ;;
        explore-small) echo "explore --universe small --depth 2 --trace-out $2" ;;
        random) echo "random --universe serenity --runs 200 --steps 200 --seed 1 --trace-out $2" ;;
        prove) echo "prove --regions 16 --trace-out ${2%.json}" ;;
    esac
}

patches=()
for p in "$repo"/CodeMutants/*.patch; do
    name=$(basename "$p" .patch)
    if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " == *" $name "* ]]; then continue; fi
    patches+=("$p")
done
[ ${#patches[@]} -gt 0 ] || { echo "run.sh: no patch selected" >&2; exit 2; }

# The scratch copy: the package's tracked files as they are in the work tree. The old copy's
# sources go first (its .build cache stays): a file deleted since would otherwise still compile.
mkdir -p "$scratch/src"
rm -rf "$scratch/src/Package.swift" "$scratch/src/Adapter" "$scratch/src/Sources" "$scratch/src/Tests" "$scratch/src/Properties" "$scratch/src/Examples"
(cd "$repo" && git ls-files -z -- Package.swift Adapter Sources Tests Properties Examples | xargs -0 tar -cf - ) | tar -xf - -C "$scratch/src"
cd "$scratch/src" || exit 2

started=$(date +%s)
table="$out/table.md"
{
    printf '| patch | %s | verdict |\n' "$(printf '%s | ' "${detectors[@]}" | sed 's/ | $//')"
    printf '|---|%s---|\n' "$(printf -- '---|%.0s' "${detectors[@]}")"
} > "$table"
killed_count=0
stryker_files=""
status=0

json_string() { sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' | awk 'BEGIN { ORS = "" } { gsub(/\r/, ""); print $0 "\\n" }'; }

# The unpatched package first: every detector must find it clean (else a false alarm).
for p in reference "${patches[@]}"; do
    if [ "$p" = reference ]; then
        name=reference; description="the package as it is, unpatched"
    else
        name=$(basename "$p" .patch)
        description=$(head -1 "$p" | sed 's/^Realistic bug: //')
        if ! git apply --check "$p" 2>/dev/null; then echo "$name: does not apply" >&2; status=2; continue; fi
        git apply "$p"
    fi
    build_start=$(date +%s)
    if ! swift build -c release --product regioncheck > "$out/$name-build.log" 2>&1; then
        echo "$name: the patched package does not build (see $out/$name-build.log)" >&2
        [ "$p" = reference ] && exit 2
        git apply -R "$p"; status=2; continue
    fi
    build_seconds=$(( $(date +%s) - build_start ))
    bin=$(swift build -c release --show-bin-path)/regioncheck
    row="| \`$name\` |"
    killers=()
    for d in "${detectors[@]}"; do
        trace="$out/$name-$d.json"
        t0=$(date +%s)
        # shellcheck disable=SC2046
        timeout 900 "$bin" $(command_for "$d" "$trace") > "$out/$name-$d.txt" 2>&1
        code=$?
        seconds=$(( $(date +%s) - t0 ))
        case $code in
            0) if [ "$p" = reference ]; then cell="clean"; else cell="survived"; fi ;;
            1) cell="**killed**"; killers+=("$d") ;;
            3) cell="inconclusive" ;;
            124) cell="time limit" ;;
            *) if [ $code -gt 128 ]; then cell="**CRASH** (signal $((code - 128)))"; killers+=("$d (crash)")
                   echo "$name: CRASH of the checker in $d, exit $code (a finding; see $out/$name-$d.txt)"
               else cell="exit $code"; fi ;;
        esac
        row="$row $cell ${seconds}s |"
    done
    if [ "$p" = reference ]; then
        if [ ${#killers[@]} -gt 0 ]; then verdict="FALSE ALARM"; status=1; else verdict="clean"; fi
        echo "$row $verdict |" >> "$table"
        echo "$name: $verdict (build ${build_seconds}s) — $description"
        continue
    fi
    git apply -R "$p"
    if [ ${#killers[@]} -gt 0 ]; then verdict="killed"; killed_count=$((killed_count + 1)); else verdict="SURVIVED"; status=1; fi
    echo "$row $verdict |" >> "$table"
    echo "$name: $verdict (build ${build_seconds}s) — $description"

    # Stryker: the mutant at the first line the patch changes, in the file it patches.
    file=$(sed -n 's|^+++ b/||p' "$p" | head -1)
    line=$(awk '/^@@/ { split($2, a, ","); n = -a[1] - 1; next } n != "" { n++ } /^[-+]/ && !/^(---|\+\+\+)/ { print n; exit }' "$p")
    status_word=$([ "$verdict" = killed ] && echo Killed || echo Survived)
    killed_by=$(printf '"%s",' "${killers[@]}" | sed 's/,$//')
    [ ${#killers[@]} -gt 0 ] || killed_by=""
    mutant="{\"id\": \"$name\", \"mutatorName\": \"$name\", \"description\": \"$(printf '%s' "$description" | json_string | sed 's/\\n$//')\", \"replacement\": \"$name\", \"location\": {\"start\": {\"line\": $line, \"column\": 1}, \"end\": {\"line\": $line, \"column\": 2}}, \"status\": \"$status_word\", \"testsCompleted\": ${#detectors[@]}$([ -n "$killed_by" ] && echo ", \"killedBy\": [$killed_by]")}"
    stryker_files="$stryker_files$file	$mutant
"
done

# One Stryker file entry per patched source file, with that file's (unpatched) source.
stryker="$out/stryker.json"
{
    printf '{"schemaVersion": "1", "thresholds": {"high": 100, "low": 100}, "projectRoot": ".", "files": {'
    first=1
    for file in $(printf '%s' "$stryker_files" | cut -f1 | sort -u); do
        [ $first = 1 ] || printf ', '
        first=0
        printf '"%s": {"language": "swift", "source": "%s", "mutants": [' "$file" "$(json_string < "$file")"
        printf '%s' "$stryker_files" | awk -F'\t' -v f="$file" '$1 == f { print $2 }' | paste -sd, -
        printf ']}'
    done
    printf '}}\n'
} > "$stryker"

total=$(( $(grep -c '^| `' "$table") - 1 ))
elapsed=$(( $(date +%s) - started ))
echo
cat "$table"
echo
echo "mutation score: $killed_count of $total patches killed; $elapsed s in all (builds included); table $table, Stryker JSON $stryker"
exit $status
