import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type App, Validations } from 'aws-cdk-lib';
import { VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';

export interface ValidationFinding {
  /** `AwsSolutions` for cdk-nag, or CDK's own CloudFormation validation plugin. */
  readonly plugin: string;
  readonly rule: string;
  readonly severity: string;
  readonly path: string;
}

interface ValidationReport {
  readonly pluginReports: {
    readonly pluginName: string;
    readonly violations: {
      readonly ruleName: string;
      readonly severity?: string;
      readonly violatingConstructs: { readonly constructPath: string }[];
    }[];
  }[];
}

/**
 * Synthesizes `app` with the AwsSolutions pack, as bin/app.ts does, and returns every
 * unacknowledged finding of every validation plugin, errors and warnings alike.
 *
 * cdk-nag 3 is a policy-validation plugin, not an Aspect, so it adds no annotations: it reports
 * through the assembly's validation report, which leaves acknowledged findings out, and synth
 * throws when that report is not clean. The report file is therefore the source of truth here.
 */
export function validationFindings(app: App): ValidationFinding[] {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    app.synth();
  } catch (error) {
    // Any other synth failure is a real error; a failed validation is what we read below.
    if (!(error instanceof Error && error.name === 'ValidationFailed')) throw error;
  }
  const report = JSON.parse(readFileSync(join(app.outdir, VALIDATION_REPORT_FILE), 'utf8')) as ValidationReport;
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((violation) =>
      violation.violatingConstructs.map((construct) => ({
        plugin: plugin.pluginName,
        rule: violation.ruleName,
        severity: violation.severity ?? 'unknown',
        path: construct.constructPath,
      })),
    ),
  );
}
