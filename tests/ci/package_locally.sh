#!/usr/bin/env bash
# Builds the release files with scripts/package.sh (a portable build in BUILD_DIR) and
# checks what can be checked on this machine (docs/install.md):
# - the binary needs only glibc's libraries and the libsimdjson shipped beside it (found
#   through its $ORIGIN run path); that library needs no more than libstdc++ and libgcc_s
#   at GCC 5's symbol versions;
# - no file needs a glibc symbol newer than 2.35 (Ubuntu 22.04's glibc);
# - the binary runs the bundled example from an empty directory with a clean environment;
# - the archive is reproducible: packaging again gives the same bytes;
# - the Debian package has the right name, version, dependencies and files, and unpacks
#   with dpkg into a temporary root, where the binary runs too.
#   bash tests/ci/package_locally.sh BUILD_DIR
set -euo pipefail
build_dir=${1:?usage: package_locally.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd -P)
source_dir=$(cd "$here/../.." && pwd -P)
tmp=$(mktemp -d)
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

version=$(bash "$source_dir/scripts/version.sh")
arch=$(uname -m)
name=caws-gate-$version-linux-$arch
BUILD_DIR=$build_dir DIST_DIR=$tmp/dist bash "$source_dir/scripts/package.sh" >"$tmp/package.log" 2>&1 ||
  { cat "$tmp/package.log"; fail "scripts/package.sh failed"; }
[ -f "$tmp/dist/$name.tar.gz" ] || fail "no $name.tar.gz in dist/: $(ls "$tmp/dist")"
deb=$(cd "$tmp/dist" && ls caws-gate_"$version"_*.deb) || fail "no .deb in dist/"
(cd "$tmp/dist" && sha256sum --check --quiet SHA256SUMS) || fail "SHA256SUMS does not match"

# --- the archive ------------------------------------------------------------
mkdir "$tmp/x"
tar -xzf "$tmp/dist/$name.tar.gz" -C "$tmp/x"
root=$tmp/x/$name
bin=$root/bin/caws-gate
for f in bin/caws-gate lib/caws-gate/libsimdjson.so.14 share/man/man1/caws-gate.1.gz \
  share/doc/caws-gate/README.md share/doc/caws-gate/docs/install.md; do
  [ -f "$root/$f" ] || fail "the archive has no $f"
done

glibc='^(linux-vdso\.so\.1|linux-gate\.so\.1|libc\.so\.6|libm\.so\.6|libdl\.so\.2|libpthread\.so\.0|librt\.so\.1|ld-linux[-a-z0-9_]*\.so\.[12])$'
needed() { objdump -p "$1" | awk '$1 == "NEEDED" {print $2}'; }
for lib in $(needed "$bin"); do
  [[ $lib =~ $glibc || $lib == libsimdjson.so.14 ]] ||
    fail "the binary needs $lib, neither glibc's nor shipped"
done
# Whole outputs first: with pipefail, `grep -q` closing a pipe early fails the producer.
headers=$(objdump -p "$bin")
grep -qE "RUNPATH +[$]ORIGIN/../lib/caws-gate$" <<<"$headers" || fail "no \$ORIGIN run path"
libraries=$(ldd "$bin")
grep -qF "libsimdjson.so.14 => $root/bin/../lib/caws-gate/libsimdjson.so.14" <<<"$libraries" ||
  fail "ldd does not find the shipped libsimdjson: $libraries"
for lib in $(needed "$root/lib/caws-gate/libsimdjson.so.14"); do
  [[ $lib =~ $glibc || $lib == libstdc++.so.6 || $lib == libgcc_s.so.1 ]] ||
    fail "the shipped libsimdjson needs $lib"
done

# The newest symbol version of a library family that FILES need.
newest() {
  local family=$1; shift
  for f in "$@"; do objdump -T "$f"; done | grep -o "(${family}_[0-9.]*)" | tr -d '()' |
    sed "s/^${family}_//" | sort -V | tail -n 1
}
files=("$bin" "$root/lib/caws-gate/libsimdjson.so.14")
glibc_needed=$(newest GLIBC "${files[@]}")
[ "$(printf '%s\n2.35\n' "$glibc_needed" | sort -V | tail -n 1)" = 2.35 ] ||
  fail "a file needs GLIBC_$glibc_needed, newer than Ubuntu 22.04's 2.35"
cxx_needed=$(newest GLIBCXX "${files[@]}")
[ "$(printf '%s\n3.4.21\n' "$cxx_needed" | sort -V | tail -n 1)" = 3.4.21 ] ||
  fail "a file needs GLIBCXX_$cxx_needed from the system's libstdc++, newer than GCC 5's"
echo "needs GLIBC_$glibc_needed, GLIBCXX_$cxx_needed (for libsimdjson only)"

mkdir "$tmp/empty"
code=0
(cd "$tmp/empty" && env -i "$bin" check "$source_dir/examples/results/demo.json" \
  --dir "$source_dir/examples/baselines" >"$tmp/report.md" 2>"$tmp/err") || code=$?
[ "$code" = 1 ] || { cat "$tmp/err"; fail "the example should fail the gate (exit 1), got $code"; }
grep -q "BM_" "$tmp/report.md" || fail "no report on stdout"
[ -z "$(ls -A "$tmp/empty")" ] || fail "the check wrote into the working directory"
[ "$(env -i "$bin" --version)" = "caws-gate $version" ] || fail "--version"

# Reproducible: packaging again gives the same archive.
first=$(sha256sum <"$tmp/dist/$name.tar.gz")
BUILD_DIR=$build_dir DIST_DIR=$tmp/dist2 bash "$source_dir/scripts/package.sh" >/dev/null 2>&1
[ "$(sha256sum <"$tmp/dist2/$name.tar.gz")" = "$first" ] || fail "the archive is not reproducible"

# --- the Debian package -----------------------------------------------------
info=$(dpkg-deb --info "$tmp/dist/$deb")
grep -qx ' Package: caws-gate' <<<"$info" || fail "package name: $info"
grep -qx " Version: $version" <<<"$info" || fail "version: $info"
grep -qE '^ Depends: .*libc6 \(>= 2\.3[0-5]\)' <<<"$info" || fail "Depends on libc6: $info"
if grep -qi simdjson <<<"$(grep '^ Depends:' <<<"$info")"; then fail "depends on simdjson"; fi
contents=$(dpkg-deb --contents "$tmp/dist/$deb")
for f in ./usr/bin/caws-gate ./usr/lib/caws-gate/libsimdjson.so.14 \
  ./usr/share/man/man1/caws-gate.1.gz ./usr/share/doc/caws-gate/README.md; do
  grep -q " $f\$" <<<"$contents" || fail "the package has no $f"
done
dpkg_root=$tmp/root
mkdir -p "$dpkg_root/var/lib/dpkg/info" "$dpkg_root/var/lib/dpkg/updates"
: >"$dpkg_root/var/lib/dpkg/status"
dpkg --root="$dpkg_root" --force-not-root --force-depends --unpack "$tmp/dist/$deb" >/dev/null
[ "$(env -i "$dpkg_root/usr/bin/caws-gate" --version)" = "caws-gate $version" ] ||
  fail "the unpacked package's binary does not run"
grep -q '^\.SS check$' <<<"$(zcat "$dpkg_root/usr/share/man/man1/caws-gate.1.gz")" ||
  fail "the man page has no check section"
echo "package_locally: all checks passed ($name.tar.gz, $deb)"
