/**
 * Imported first by the bench, before any SDK client or logger exists: the bench prints figures
 * only. The functions' request logs are silenced (Powertools reads its level when the logger is
 * made), the SDK's Node-version notice is turned off, and so are the HTTP handler's warnings about
 * slow calls (DynamoDB Local on a busy machine): the latency figures show those.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.LOG_LEVEL = 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
console.warn = () => undefined;
