#!/usr/bin/env bash
# A cloned project that tries to run its own code, read files outside itself or crash the build
# (the hostile-input review of 18226f1), built with the real sitegen and the real Pagefind.
# Usage: hostile-project.sh SITEGEN   (run from the repository; needs pagefind-bin installed)
set -euo pipefail
sitegen="$(realpath "$1")"
repo="$(pwd)"
work="$(mktemp -d /tmp/sitegen-hostile-XXXXXX)"
trap 'rm -rf "$work"' EXIT
fail() { echo "error: $*" >&2; exit 1; }

project="$work/project"
mkdir -p "$project"
cp -R "$repo/Content" "$repo/Templates" "$project/"
cd "$project"

echo "--- a project's pagefind_bin/, pagefind.yml and PAGEFIND_ variables"
mkdir -p pagefind_bin
touch pagefind_bin/__init__.py
printf 'open("%s/ran", "w").write("project code ran")\n' "$work" > pagefind_bin/__main__.py
cp pagefind_bin/__main__.py pagefind_bin/__init__.py
echo "keep" > "$work/victim"
printf 'output_path: %s/elsewhere\nlogfile: %s/victim\n' "$work" "$work" > pagefind.yml
printf 'output_subdir = "../../escaped"\nlogfile = "%s/victim"\n' "$work" > pagefind.toml
printf '{"output_path": "%s/elsewhere"}\n' "$work" > pagefind.json
PAGEFIND_OUTPUT_PATH="$work/elsewhere" PAGEFIND_LOGFILE="$work/victim" "$sitegen" build > "$work/build.log" 2>&1 \
  || { cat "$work/build.log"; fail "the build failed"; }
grep -q warning "$work/build.log" && { cat "$work/build.log"; fail "the build warned (is pagefind-bin installed?)"; }
[ ! -e "$work/ran" ] || fail "the project's pagefind_bin ran"
[ "$(cat "$work/victim")" = "keep" ] || fail "a project setting truncated a file (logfile)"
[ ! -e "$work/elsewhere" ] || fail "a project setting moved the index (output_path)"
[ ! -e "$work/escaped" ] && [ ! -e "$project/escaped" ] || fail "a project setting moved the index (output_subdir)"
[ -f Public/pagefind/pagefind-entry.json ] || fail "no index in Public/pagefind"
echo "ok: none of them was run or read; the index is in Public/pagefind"

echo "--- a template's <html lang> that climbs out of the site (Pagefind names files after it)"
cp Templates/layout.mustache "$work/layout.orig"
sed -i "2s|.*|<html lang=\"../../../../../../../..$work/lang-escape/o\">|" Templates/layout.mustache
"$sitegen" build > "$work/lang.log" 2>&1 || { cat "$work/lang.log"; fail "the build failed"; }
[ ! -e "$work/lang-escape" ] || fail "Pagefind wrote outside the site through <html lang>"
cp "$work/layout.orig" Templates/layout.mustache
echo "ok: the index is made in the site's language, nothing outside"

echo "--- a lock file and a spare shipped as links"
mkdir -p "$work/lockproj" && cp -R Content Templates "$work/lockproj/"
ln -s "$work/lock-target" "$work/lockproj/.Public.sitegen-lock"
set +e
(cd "$work/lockproj" && "$sitegen" build > "$work/lock.log" 2>&1)
status=$?
set -e
[ "$status" -eq 1 ] && grep -q "is a symbolic link" "$work/lock.log" || { cat "$work/lock.log"; fail "a linked lock file was not refused"; }
[ ! -e "$work/lock-target" ] || fail "the linked lock file was created"
echo "ok: refused, nothing created"

echo "--- Pagefind killed with sitegen (SIGKILL while it runs)"
cat > "$work/slow-pagefind" <<EOF
#!/bin/sh
echo \$\$ > "$work/pagefind.pid"
exec sleep 600
EOF
chmod +x "$work/slow-pagefind"
SITEGEN_PAGEFIND="$work/slow-pagefind" "$sitegen" build --output "$work/out" > /dev/null 2>&1 &
builder=$!
for _ in $(seq 600); do [ -s "$work/pagefind.pid" ] && break; sleep 0.05; done
[ -s "$work/pagefind.pid" ] || fail "the stand-in Pagefind never started"
kill -9 "$builder"
wait "$builder" 2>/dev/null || true
pid=$(cat "$work/pagefind.pid")
for _ in $(seq 100); do
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || echo gone)
  [ "$state" = gone ] || [ "$state" = Z ] && break
  sleep 0.05
done
[ "$state" = gone ] || [ "$state" = Z ] || fail "Pagefind ($pid) outlived a SIGKILLed sitegen"
echo "ok: Pagefind ended with sitegen"

echo "--- a Pagefind that never finishes, with search-timeout: 1"
cp Content/site.md "$work/site.md.orig"
sed -i 's/^search: true.*/search: true\nsearch-timeout: 1/' Content/site.md
start=$(date +%s)
set +e
SITEGEN_PAGEFIND="$work/slow-pagefind" "$sitegen" build --output "$work/out" > "$work/timeout.log" 2>&1
status=$?
set -e
[ "$status" -eq 1 ] || { cat "$work/timeout.log"; fail "a stuck Pagefind gave exit $status, expected 1"; }
grep -q "Pagefind did not finish in 1 s and was stopped" "$work/timeout.log" || fail "no timeout error"
[ $(( $(date +%s) - start )) -lt 30 ] || fail "the build waited too long"
cp "$work/site.md.orig" Content/site.md
echo "ok: stopped after 1 s, exit 1"

echo "--- links in Templates/"
mkdir -p "$work/ssh" && echo "PRIVATE KEY" > "$work/ssh/id_rsa"
mv Templates/assets "$work/assets"
ln -s "$work/ssh" Templates/assets
ln -s /etc/passwd Templates/partials/passwd.mustache
before=$(find Public -type f -exec sha256sum {} + | sort | sha256sum)
set +e
"$sitegen" build > "$work/links.log" 2>&1
status=$?
set -e
[ "$status" -eq 1 ] || { cat "$work/links.log"; fail "linked templates gave exit $status, expected 1"; }
grep -q "templates/partials/passwd.mustache' is a symbolic link\|Templates/partials/passwd.mustache' is a symbolic link" "$work/links.log" || fail "the linked template is not named"
grep -q "the assets folder 'Templates/assets' is a symbolic link" "$work/links.log" || fail "the linked assets folder is not named"
grep -rq "PRIVATE KEY\|root:x:0" Public && fail "a linked file was published"
[ "$before" = "$(find Public -type f -exec sha256sum {} + | sort | sha256sum)" ] || fail "Public/ changed"
rm Templates/assets Templates/partials/passwd.mustache && mv "$work/assets" Templates/assets
echo "ok: exit 1, both named, Public/ unchanged"

echo "--- output paths"
for output in . ./ .// .. / Content/x Templates/assets/out; do
  set +e
  "$sitegen" build --output "$output" > "$work/out.log" 2>&1
  status=$?
  set -e
  [ "$status" -eq 1 ] || { cat "$work/out.log"; fail "--output '$output' gave exit $status, expected 1"; }
  grep -q "refusing to write the site to" "$work/out.log" || fail "--output '$output': no clear error"
done
for output in '~' '~/' Public/. Public/. out/new/site; do
  "$sitegen" build --output "$output" > "$work/out.log" 2>&1 || { cat "$work/out.log"; fail "--output '$output' failed"; }
done
ls -A Public | grep -q sitegen-spare && fail "a spare inside Public/"
[ ! -e "....sitegen-lock" ] || fail "a stray lock file"
echo "ok: refused with exit 1 or built"
echo "hostile project: every case contained"
