<?php

/** @generate-class-entries */

namespace {
/**
 * Sends one message and returns what the server said.
 * @param array $message
 * @param array $transport
 * @return array
 */
function smtp_send(array $message, #[\SensitiveParameter] array $transport = []): array {}
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

    class Exception extends \RuntimeException
    {
        private int $smtpCode = 0;
        private ?string $enhancedStatus = null;
        private bool $temporary = false;
        private bool $outcomeUnknown = false;
        private array $transcript = [];

        public function getSmtpCode(): int {}

        public function getEnhancedStatus(): ?string {}

        public function isTemporary(): bool {}

        /** True when the connection broke after the whole message was sent: it may have been delivered. */
        public function isOutcomeUnknown(): bool {}

        public function getTranscript(): array {}
    }
}
