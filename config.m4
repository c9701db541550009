dnl config.m4 for the smtp extension (php-smtp).
dnl phpize && ./configure && make && make test

PHP_ARG_ENABLE([smtp],
  [whether to enable the smtp extension],
  [AS_HELP_STRING([--enable-smtp], [Enable the native SMTP client (php-smtp)])],
  [yes])

PHP_ARG_ENABLE([smtp-dev],
  [whether to build smtp with -Wall -Wextra -Werror],
  [AS_HELP_STRING([--enable-smtp-dev], [Developer build: warnings are errors])],
  [no], [no])

if test "$PHP_SMTP" != "no"; then
  PKG_PROG_PKG_CONFIG

  PKG_CHECK_MODULES([SMTP_OPENSSL], [openssl >= 1.1.1], [],
    [AC_MSG_ERROR([php-smtp needs OpenSSL 1.1.1 or newer with its headers (Debian: apt-get install libssl-dev)])])
  PKG_CHECK_MODULES([SMTP_CURL], [libcurl >= 7.61], [],
    [AC_MSG_ERROR([php-smtp needs libcurl with its headers (Debian: apt-get install libcurl4-openssl-dev)])])
  PKG_CHECK_MODULES([SMTP_JSONC], [json-c >= 0.15], [],
    [AC_MSG_ERROR([php-smtp needs json-c with its headers (Debian: apt-get install libjson-c-dev)])])

  PHP_EVAL_INCLINE([$SMTP_OPENSSL_CFLAGS $SMTP_CURL_CFLAGS $SMTP_JSONC_CFLAGS])
  PHP_EVAL_LIBLINE([$SMTP_OPENSSL_LIBS $SMTP_CURL_LIBS $SMTP_JSONC_LIBS], [SMTP_SHARED_LIBADD])
  PHP_SUBST([SMTP_SHARED_LIBADD])

  SMTP_CORE="ext/core/util/buf.c ext/core/util/error.c ext/core/util/strlist.c ext/core/util/base64.c \
    ext/core/net/socket.c ext/core/net/tls.c ext/core/net/conn.c \
    ext/core/smtp/reply.c ext/core/smtp/chat.c ext/core/smtp/caps.c ext/core/smtp/session.c ext/core/smtp/auth.c \
    ext/core/smtp/framer.c ext/core/smtp/transaction.c ext/core/smtp/session_store.c \
    ext/core/sasl/sasl.c \
    ext/core/mime/address.c ext/core/mime/encode.c ext/core/mime/message.c \
    ext/core/oauth/http.c ext/core/oauth/oauth.c ext/core/oauth/providers.c ext/core/oauth/grant.c \
    ext/core/oauth/store_crypto.c ext/core/oauth/store_file.c ext/core/oauth/store_doc.c ext/core/oauth/token_store.c \
    ext/core/api/api.c ext/core/api/body.c ext/core/api/reply.c ext/core/api/sigv4.c ext/core/api/stream.c \
    ext/core/api/transfer.c"
  SMTP_BINDING="ext/binding/module.c ext/binding/exception.c ext/binding/transport_args.c \
    ext/binding/message_args.c ext/binding/client.c ext/binding/token_store.c ext/binding/probe.c \
    ext/binding/api_args.c ext/binding/api_send.c"

  SMTP_CFLAGS="-std=gnu11 -fvisibility=hidden -Wall -Wextra -Wno-unused-parameter -I@ext_srcdir@/ext"
  if test "$PHP_SMTP_DEV" != "no"; then
    SMTP_CFLAGS="$SMTP_CFLAGS -Werror"
  fi

  PHP_NEW_EXTENSION([smtp], [$SMTP_CORE $SMTP_BINDING], [$ext_shared], [], [$SMTP_CFLAGS])
  PHP_ADD_INCLUDE([$ext_srcdir/ext])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/core/util $ext_builddir/ext/core/net $ext_builddir/ext/core/smtp $ext_builddir/ext/core/sasl $ext_builddir/ext/core/mime $ext_builddir/ext/core/oauth $ext_builddir/ext/core/api $ext_builddir/ext/binding])
fi
