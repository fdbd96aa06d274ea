import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stackNameFor } from '../lambda/shared/config';
import { readAppConfig } from '../lib/config';
import { MemoryApiStack } from '../lib/memory-api-stack';

const app = new App();
const config = readAppConfig(app);
new MemoryApiStack(app, stackNameFor(config.stage), { config });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
