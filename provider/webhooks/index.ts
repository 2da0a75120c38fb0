/**
 * Webhook receivers: signature verification without the Pulumi resources. Import this module
 * (`pulumi-realtimekit/dist/provider/webhooks`) from a receiver to avoid loading `@pulumi/pulumi`.
 * @packageDocumentation
 */
export { DEFAULT_WEBHOOK_PUBLIC_KEY_URL, WEBHOOK_SIGNATURE_HEADER, createWebhookVerifier, verifyWebhookSignature } from "./verify";
export type { WebhookVerifier, WebhookVerifierOptions } from "./verify";
export { verifyWebhookSignatureAsync } from "./webCrypto";
