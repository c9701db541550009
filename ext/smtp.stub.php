<?php

/** @generate-class-entries */

namespace {
/**
 * Sends one message and returns what the server said. With "api" in $transport
 * the message goes over that provider's HTTPS API instead of SMTP.
 * @param array $message
 * @param array $transport
 * @return array
 */
function smtp_send(array $message, #[\SensitiveParameter] array $transport = []): array {}

/**
 * Connects, secures and authenticates exactly as a send would, then QUITs
 * without sending anything: a report for diagnostics. Problems with the
 * server are in the report ("ok" false, "stage", "error"), not thrown.
 * @param array $transport
 * @return array
 */
function smtp_probe(#[\SensitiveParameter] array $transport = []): array {}
}

namespace Smtp {

    /**
     * @strict-properties
     * @not-serializable
     */
    final class Client
    {
        public function __construct(#[\SensitiveParameter] array $transport = []) {}

        public function send(array $message): array {}

        public function close(): void {}
    }

    /**
     * OAuth 2.0 clients and tokens, in one file encrypted with AES-256-GCM.
     * @strict-properties
     * @not-serializable
     */
    final class TokenStore
    {
        /** $key: at least 16 bytes of secret; "" takes php.ini smtp.token_key or $PHP_SMTP_TOKEN_KEY. */
        public function __construct(string $path, #[\SensitiveParameter] string $key) {}

        public function setClient(string $account, #[\SensitiveParameter] array $client): void {}

        public function authorizationUrl(string $account, string $redirectUri, string $state): string {}

        public function exchangeCode(string $account, #[\SensitiveParameter] string $code, string $redirectUri): array {}

        public function accessToken(string $account): string {}

        public function refresh(string $account): array {}

        public function status(string $account): array {}

        public function forget(string $account): void {}

        public function accounts(): array {}
    }

    class Exception extends \RuntimeException
    {
        private int $smtpCode = 0;
        private ?string $enhancedStatus = null;
        private bool $temporary = false;
        private bool $outcomeUnknown = false;
        private array $transcript = [];
        private int $httpStatus = 0;
        private ?int $retryAfter = null;
        private ?string $messageId = null;

        public function getSmtpCode(): int {}

        public function getEnhancedStatus(): ?string {}

        public function isTemporary(): bool {}

        /** True when the connection broke after the whole message was sent: it may have been delivered. */
        public function isOutcomeUnknown(): bool {}

        public function getTranscript(): array {}

        /** HTTPS API transports: the HTTP status of the API's reply, 0 when no HTTP reply applies. */
        public function getHttpStatus(): int {}

        /** HTTPS API transports: the seconds the API asked to wait (Retry-After), null when it did not. */
        public function getRetryAfter(): ?int {}

        /**
         * The Message-ID ("<...>", as in a result's message_id) of the message the failure is
         * about: set by every failure of a send once the message was built, which comes before
         * connecting (so a connect, TLS or AUTH failure has it too, and a refused RCPT, a 5xx
         * after DATA, an outcome-unknown drop, an API error); for a raw message, its own
         * Message-ID header. Null when no message was built (a raw message without a
         * Message-ID, Smtp\TokenStore and smtp_probe() failures).
         */
        public function getMessageId(): ?string {}
    }
}
