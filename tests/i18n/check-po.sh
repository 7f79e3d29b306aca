#!/usr/bin/env bash
# Checks that translations stay complete:
#  1. every source file that marks strings for translation is listed in po/POTFILES, and every
#     listed file exists;
#  2. po/zh_CN.po passes `msgfmt --check`;
#  3. merged with a fresh template, zh_CN has no untranslated and no fuzzy message.
set -euo pipefail
src=${1:?usage: check-po.sh SOURCE_DIR WORK_DIR}
work=${2:?usage: check-po.sh SOURCE_DIR WORK_DIR}
cd "$src"
mkdir -p "$work"
status=0

listed=$(grep -v '^#' po/POTFILES | sed '/^$/d' | sort)
marked=$( { grep -rlE '\b(N?_|C_|NC_)\s*\(' --include='*.c' engine app ui || true;
           grep -rl 'translatable="yes"' --include='*.ui' data ui || true;
           find data -maxdepth 1 \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' \) || true;
         } 2>/dev/null | sort -u)
missing=$(comm -13 <(echo "$listed") <(echo "$marked"))
if [ -n "$missing" ]; then
  echo "not in po/POTFILES but has translatable strings:"; echo "$missing"; status=1
fi
for f in $listed; do
  [ -f "$f" ] || { echo "po/POTFILES lists a missing file: $f"; status=1; }
done

msgfmt --check --output-file=/dev/null po/zh_CN.po || status=1

xgettext --from-code=UTF-8 --add-comments=Translators --keyword=_ --keyword=N_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --files-from=<(echo "$listed") --output="$work/wirelab.pot" --package-name=wirelab
msgmerge --quiet --no-fuzzy-matching "po/zh_CN.po" "$work/wirelab.pot" -o "$work/zh_CN.po"
stats=$(LC_ALL=C msgfmt --statistics --output-file=/dev/null "$work/zh_CN.po" 2>&1)
echo "zh_CN: $stats"
if echo "$stats" | grep -qE 'untranslated|fuzzy'; then
  echo "zh_CN is incomplete; untranslated messages:"
  msgattrib --untranslated --no-obsolete "$work/zh_CN.po" | grep -E '^msgid' | head -40
  status=1
fi
exit $status
