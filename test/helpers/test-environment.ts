/** Every test process: quiet structured logs, and a region for SDK clients that never leave the machine. */
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
