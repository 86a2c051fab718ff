/** Impression counting toward X's daily threshold: in the page, nothing stored, sent to the collector. */
export { trackImpressions, type ImpressionInfo } from './impression-tracker.js';
export { flush as flushImpressions, pendingImpressions, resetImpressionQueueForTests, type ImpressionEvent } from './impression-sender.js';
export { impressionsMode, collectorUrl, type ImpressionsMode } from './impressions-config.js';
