import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readAppConfig } from '../lib/config';
import { MemoryApiStack } from '../lib/memory-api-stack';

const app = new App();
const config = readAppConfig(app);
new MemoryApiStack(app, `MemoryApi-${config.stage}`, { config });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
