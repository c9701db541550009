#!/usr/bin/env bash
# fuzz/build.sh: builds every libFuzzer target in fuzz/targets/ with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer, linking the plain-C core
# (no PHP) and ext/sendmail. Binaries go to fuzz/bin/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/bin
CC=${CC:-clang}
flags="-std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
# the core, and php-smtp-sendmail's parsers (all of ext/sendmail but main.c)
core="$(find ext/core -name '*.c' | sort) $(find ext/sendmail -name '*.c' ! -name main.c | sort)"
# the core once, as objects with fuzzer coverage (not main)
mkdir -p fuzz/bin/obj
objs=()
for src in $core; do
    obj=fuzz/bin/obj/$(echo "$src" | tr / _ | sed 's/\.c$/.o/')
    if true; then   # always: a header change must rebuild too
        $CC -std=gnu11 -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
            -Iext $(pkg-config --cflags openssl json-c libcurl) -c "$src" -o "$obj"
    fi
    objs+=("$obj")
done
for t in fuzz/targets/fuzz_*.c; do
    name=$(basename "$t" .c)
    $CC $flags -Iext -Ifuzz/targets $(pkg-config --cflags openssl json-c libcurl) "$t" "${objs[@]}" \
        $(pkg-config --libs openssl json-c libcurl) -o "fuzz/bin/$name"
done
echo "fuzz: built $(ls fuzz/bin | grep -c '^fuzz_') targets in fuzz/bin"
