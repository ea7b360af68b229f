#!/usr/bin/env bash
# Shows that the build refuses an API change whose package version does not say so (issue 14, point 1).
# On a copy of the working tree (tracked and new files, no build output) it builds kernel.api three times:
#   1. as it is: the baseline check must pass;
#   2. with a new public type in org.nicmanager.kernel.api.names and its @Version left alone: the build must fail,
#      and bnd's report must name the package;
#   3. with that package's version raised as the report asks (a new type is a minor change): it must pass again.
# Usage: scripts/check-baselining.sh [extra mvn arguments, e.g. -o]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && git ls-files -co --exclude-standard -z | tar --null -cf - -T -) | tar -xf - -C "$work"

names="$work/kernel.api/src/main/java/org/nicmanager/kernel/api/names"
version=$(sed -n 's/^@Version("\(.*\)")$/\1/p' "$names/package-info.java")
build() { (cd "$work" && mvn -B -q verify -pl kernel.api -DskipTests "$@" > "$work/build.log" 2>&1); }

echo "1. kernel.api as it is"
if ! build "$@"; then
    cat "$work/build.log"
    echo "FAILED: the unchanged API does not pass its baseline check" >&2
    exit 1
fi

echo "2. a new type in org.nicmanager.kernel.api.names, its version left at $version"
cat > "$names/BaselineProbe.java" <<'JAVA'
package org.nicmanager.kernel.api.names;

/** Added by scripts/check-baselining.sh, never committed. */
public record BaselineProbe(String name) {
}
JAVA
if build "$@"; then
    echo "FAILED: an API change without a version change passed the build" >&2
    exit 1
fi
if ! grep -q "org.nicmanager.kernel.api.names" "$work"/kernel.api/target/baseline/*.txt; then
    cat "$work/build.log"
    echo "FAILED: the build failed, but not on the baseline of org.nicmanager.kernel.api.names" >&2
    exit 1
fi
grep "org.nicmanager.kernel.api.names" "$work"/kernel.api/target/baseline/*.txt | head -1

bumped=$(echo "$version" | awk -F. '{ print $1 "." $2 + 1 ".0" }')
echo "3. the same change with the package's version raised to $bumped"
sed -i "s/^@Version(\"$version\")$/@Version(\"$bumped\")/" "$names/package-info.java"
if ! build "$@"; then
    cat "$work/build.log"
    echo "FAILED: the change with its minor version raised still fails" >&2
    exit 1
fi
echo "baselining works: an unversioned API change fails the build, a versioned one passes"
