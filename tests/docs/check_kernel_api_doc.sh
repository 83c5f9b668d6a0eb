#!/bin/sh
# docs/kernel-api.md must list every symbol of the design's kernel-api-symbols.txt (when that
# file is available), mark none MISSING, and cite only files that exist.
set -eu
top=$1
doc="$top/docs/kernel-api.md"
list="$top/../shared/design/kernel-api-symbols.txt"
fails=0
[ -f "$doc" ] || { echo "missing $doc"; exit 1; }
if grep -q "| MISSING |" "$doc"; then
	echo "symbols marked MISSING:"; grep "| MISSING |" "$doc"; fails=1
fi
if [ -f "$list" ]; then
	for s in $(awk '/^================ PART 2/{exit} /^   [A-Za-z_]/{print $1}' "$list"); do
		grep -q "^| \`$s\` |" "$doc" || { echo "not in $doc: $s"; fails=1; }
	done
else
	echo "note: $list not present; checking the document alone"
fi
for f in $(awk -F'|' '/^\| `/{print $3}' "$doc" | awk '{print $1}' | grep -E '^(umc|lib)/' | sort -u); do
	case $f in
	lib/*) ;; # kernel files extracted at build time
	*) [ -f "$top/$f" ] || { echo "cited file does not exist: $f"; fails=1; } ;;
	esac
done
[ $fails -eq 0 ] && echo "kernel-api.md: $(grep -c '^| `' "$doc") symbols documented"
exit $fails
