#!/usr/bin/env bash
# Builds the extension in place with phpize (modules/smtp.so); -Werror build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f modules/smtp.so ] || [ -n "$(find ext config.m4 -newer modules/smtp.so -print -quit)" ]; then
    phpize >/dev/null
    ./configure --enable-smtp --enable-smtp-dev >/dev/null
    make -j"$(nproc)" >/dev/null
fi
echo "built $(pwd)/modules/smtp.so"
