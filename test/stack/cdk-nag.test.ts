import { Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { describe, expect, it } from '@jest/globals';
import { memoryApiStack, testApp } from '../helpers/cdk-app';
import { validationFindings } from '../helpers/nag';

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error or warning for the memory API stack', () => {
    // Prepare
    const { app } = memoryApiStack();

    // Act
    const findings = validationFindings(app);

    // Assess
    expect(findings).toEqual([]);
  });

  it('reports no unacknowledged finding for a prod stage that creates the CloudWatch role either', () => {
    // Prepare
    const { app } = memoryApiStack({ memoryApi: { stage: 'prod', apiGatewayCloudWatchRole: true } });

    // Act
    const findings = validationFindings(app);

    // Assess
    expect(findings).toEqual([]);
  });

  it('does catch errors and warnings, and leaves out only what was acknowledged (control)', () => {
    // Prepare
    const app = testApp();
    const stack = new Stack(app, 'Control');
    new dynamodb.Table(stack, 'NoPitr', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    new secretsmanager.Secret(stack, 'NotRotated');
    const acknowledged = new secretsmanager.Secret(stack, 'Acknowledged');
    Validations.of(acknowledged).acknowledge({ id: 'AwsSolutions-SMG4', reason: 'control case' });

    // Act
    const findings = validationFindings(app);

    // Assess
    expect(findings).toEqual(
      expect.arrayContaining([
        { plugin: 'AwsSolutions', rule: 'AwsSolutions-DDB3', severity: 'warning', path: 'Control/NoPitr/Resource' },
        { plugin: 'AwsSolutions', rule: 'AwsSolutions-SMG4', severity: 'error', path: 'Control/NotRotated/Resource' },
      ]),
    );
    expect(findings.filter((finding) => finding.path.startsWith('Control/Acknowledged'))).toEqual([]);
  });
});
