import {
  BUSINESS_METRICS,
  METRICS_NAMESPACE,
  shopDimension,
} from '@sellout/api/lambda/business-metrics';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  Metric,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { DataReferences } from '../app/data-references';
import type { SelloutFunction } from '../compute/sellout-function';
import { resourcePrefix } from '../data/data-stack';
import type { EnvironmentSettings, FunctionName } from '../environments';
import { ONE_MINUTE } from './alarm-topic';
import type { ShopAlarms } from './shop-alarms';

type ShopDashboardProps = {
  settings: EnvironmentSettings;
  httpApi: HttpApi;
  functions: Record<FunctionName, SelloutFunction>;
  data: DataReferences;
  alarms: ShopAlarms;
};

const WIDE = 12;

/** One page for a sale: what sells, what the API answers, and where the pressure is. */
export class ShopDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ShopDashboardProps) {
    super(scope, id);
    const { settings, httpApi, functions, data, alarms } = props;
    const shop = shopDimension(resourcePrefix(settings));
    const business = (name: string) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: name,
        dimensionsMap: { Shop: shop },
        period: ONE_MINUTE,
        statistic: 'Sum',
      });
    const each = (metric: (fn: SelloutFunction) => Metric) => Object.values(functions).map(metric);
    const perMinute = { period: ONE_MINUTE, statistic: 'Sum' };

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `sellout-${settings.name}`,
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Sellout ${settings.name}\nRunbook: docs/deploy.md. Alarms go to the topic ${alarms.topic.topic.topicName}.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Orders a minute',
        width: WIDE,
        left: Object.values(BUSINESS_METRICS).map(business),
      }),
      new GraphWidget({
        title: 'API requests and 5xx a minute',
        width: WIDE,
        left: [httpApi.metricCount(perMinute)],
        right: [httpApi.metricServerError(perMinute), httpApi.metricClientError(perMinute)],
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API latency (ms)',
        width: WIDE,
        left: ['p50', 'p99'].map((statistic) =>
          httpApi.metricLatency({ period: ONE_MINUTE, statistic }),
        ),
      }),
      new GraphWidget({
        title: 'Function errors and throttles',
        width: WIDE,
        left: each((fn) => fn.alias.metricErrors(perMinute)),
        right: each((fn) => fn.alias.metricThrottles(perMinute)),
      }),
    );
    const products = data.tables.products;
    const orders = data.tables.orders;
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'DynamoDB write units a minute (products, orders)',
        width: WIDE,
        left: [products, orders].map((table) => table.metricConsumedWriteCapacityUnits(perMinute)),
      }),
      new GraphWidget({
        title: 'Orders queue: waiting, oldest (s), dead letters',
        width: WIDE,
        left: [
          data.ordersQueue.metricApproximateNumberOfMessagesVisible({ period: ONE_MINUTE }),
          data.ordersDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
            period: ONE_MINUTE,
          }),
        ],
        right: [data.ordersQueue.metricApproximateAgeOfOldestMessage({ period: ONE_MINUTE })],
      }),
    );
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', width: 24, alarms: alarms.topic.alarms }),
    );
  }
}
