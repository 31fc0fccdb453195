import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { accessLogFormat, stageThrottle } from '../defaults/http-api.ts';
import { logGroupDefaults } from '../defaults/log-group.ts';

/**
 * The one HTTP API every route of the manifest is on. Its `$default` stage is made here rather than by
 * `HttpApi`, because only an explicit stage takes throttling and access logging.
 */
export class HttpGateway extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: { readonly description: string }) {
    super(scope, id);

    this.api = new HttpApi(this, 'Api', { description: props.description, createDefaultStage: false });
    this.accessLogs = new LogGroup(this, 'AccessLogs', logGroupDefaults);
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: stageThrottle,
      accessLogSettings: { destination: new LogGroupLogDestination(this.accessLogs), format: accessLogFormat },
    });
  }

  /** The stage's invoke URL, ending in `/`. */
  get url(): string {
    return this.stage.url;
  }
}
