import { HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination, type HttpRoute, type HttpRouteIntegration } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { accessLogFormat, stageThrottle } from '../defaults/http-api.ts';
import { logGroupDefaults } from '../defaults/log-group.ts';

/**
 * The one HTTP API every route of the manifest is on. Its `$default` stage is made here rather than by
 * `HttpApi`, because only an explicit stage takes throttling and access logging.
 *
 * No API-wide CORS configuration: API Gateway would add its headers to every route's answers, the
 * credentialed ones included. Instead the public reads' handlers answer CORS themselves (the same code
 * answers locally), with a preflight route each; every other route has none, so a browser's preflight
 * for it gets API Gateway's 404 and the call is never sent.
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

  /** `OPTIONS <path>` to the route's own function, which answers the preflight without auth or input. */
  addPreflightRoute(path: string, integration: HttpRouteIntegration): HttpRoute[] {
    return this.api.addRoutes({ path, methods: [HttpMethod.OPTIONS], integration, authorizer: new HttpNoneAuthorizer() });
  }

  /** The stage's invoke URL, ending in `/`. */
  get url(): string {
    return this.stage.url;
  }
}
