#!/usr/bin/env bash
# Update the common-password list in zukunftsplattform/passwords/ from the npm package
# @zxcvbn-ts/language-common (MIT; its src/passwords.json: about 49,000 of the most
# common passwords, German ones such as "passwort", "hallo123", "schatzi" among them).
#
# Usage: scripts/update_password_list.sh [VERSION]     (default: latest)
# Writes zxcvbn-ts-passwords.txt.gz (one lowercased password a line, sorted, gzip -n, so
# the same version gives byte-identical files), LICENSE-zxcvbn-ts.txt and VERSION.
# Needs: npm, tar, python3. german.txt beside it is ours and kept by hand.
set -euo pipefail

VERSION="${1:-latest}"
PACKAGE="@zxcvbn-ts/language-common"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/zukunftsplattform/passwords"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null)
tarball="$(find "$tmp" -maxdepth 1 -name 'zxcvbn-ts-language-common-*.tgz' -print -quit)"
tar -xzf "$tarball" -C "$tmp"
python3 - "$tmp/package/src/passwords.json" > "$tmp/passwords.txt" <<'PY'
import json, sys
words = {word.strip().lower() for word in json.load(open(sys.argv[1], encoding="utf-8"))}
sys.stdout.write("".join(f"{word}\n" for word in sorted(words) if word))
PY
gzip -9 -n -c "$tmp/passwords.txt" > "$DEST/zxcvbn-ts-passwords.txt.gz"
cp "$tmp/package/LICENSE.txt" "$DEST/LICENSE-zxcvbn-ts.txt"
python3 -c "import json,sys; print(sys.argv[1] + '@' + json.load(open(sys.argv[2]))['version'])" \
    "$PACKAGE" "$tmp/package/package.json" > "$DEST/VERSION"
echo "==> $(cat "$DEST/VERSION"): $(wc -l < "$tmp/passwords.txt") passwords"
